import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * A mobile number as one string, so "07911 123456", "+44 7911 123456" and "0044 7911123456"
 * are the same account: E.164 (+447911123456), read as a UK number unless it starts with a
 * country code. Null when it cannot be a phone number. Only the length is checked, not
 * whether the number is given out, so Ofcom's numbers for drama (07700 900...) work in demos.
 */
export function normaliseMobile(typed: string): string | null {
  const parsed = parsePhoneNumberFromString(typed.trim(), 'GB');
  return parsed?.isPossible() ? parsed.number : null;
}
