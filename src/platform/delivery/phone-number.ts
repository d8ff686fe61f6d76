/**
 * Phone numbers as people write them ("07700 900123", "+44 (0)7700 900123", "0044 7700
 * 900123") and as providers send them ("447700900123" from Notify, "+447700900123" from
 * Twilio) are one number: this finds it. UK numbers first; others are kept in +country form.
 */

/** Spaces, dashes, dots, brackets and a UK "(0)" taken out: the characters a number is written with. */
export function strippedNumber(raw: string): string {
  return raw.replace(/\(0\)/g, '').replace(/[\s\-.()]/g, '');
}

/** The number in international form (+447700900123), or null when it is not a phone number. */
export function internationalNumber(raw: string): string | null {
  const s = strippedNumber(raw);
  let digits: string;
  if (/^\+\d+$/.test(s)) digits = s.slice(1);
  else if (/^00\d+$/.test(s)) digits = s.slice(2);
  else if (/^0\d{9,10}$/.test(s)) digits = `44${s.slice(1)}`;
  else if (/^44\d{9,10}$/.test(s)) digits = s;
  else return null;
  // A UK number written with its leading 0 after the country code (+4407700...).
  if (/^440\d{9,10}$/.test(digits)) digits = `44${digits.slice(3)}`;
  return digits.length >= 7 && digits.length <= 15 ? `+${digits}` : null;
}

/**
 * Every way the same number can sit in a person's record once its spaces and brackets are
 * stripped, so the database can look them up through an index instead of reading everyone.
 */
export function storedForms(raw: string): string[] {
  const international = internationalNumber(raw);
  if (!international) return [];
  const digits = international.slice(1);
  const forms = [`+${digits}`, digits, `00${digits}`];
  if (digits.startsWith('44')) {
    const national = digits.slice(2);
    forms.push(`0${national}`, `+440${national}`, `440${national}`, `00440${national}`);
  }
  return forms;
}
