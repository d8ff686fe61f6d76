// Money is integer pence everywhere. People type pounds, so this is the one place where
// pounds become pence and back again.

export type MoneyProblem = 'empty' | 'negative' | 'commas' | 'too-precise' | 'not-money' | 'too-large';
export type ParsedMoney = { ok: true; pence: number } | { ok: false; problem: MoneyProblem };

/** The most any one amount can be: far above any rate or limit, far below unsafe integers. */
export const maxPence = 100_000_000;

/**
 * "£12.50", "12.50", "12.5" and "12" are all £12.50 or £12. Commas are refused rather
 * than guessed at: "1,000" is a thousand here but one in much of Europe.
 */
export function parseMoney(text: string, max = maxPence): ParsedMoney {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problem: 'empty' };
  if (/^(-|£\s*-)/.test(trimmed)) return { ok: false, problem: 'negative' };
  const s = trimmed.replace(/^£\s*/, '');
  if (s.includes(',')) return { ok: false, problem: 'commas' };
  const m = /^(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return { ok: false, problem: 'not-money' };
  const fraction = m[2] ?? '';
  if (fraction.length > 2) return { ok: false, problem: 'too-precise' };
  if (m[1]!.length > 12) return { ok: false, problem: 'too-large' };
  const pence = Number(m[1]) * 100 + Number(fraction.padEnd(2, '0'));
  if (pence > max) return { ok: false, problem: 'too-large' };
  return { ok: true, pence };
}

function checkPence(pence: number) {
  if (!Number.isSafeInteger(pence)) throw new RangeError(`Not a whole number of pence: ${pence}`);
}

/** "£1,234.50": how an amount reads on a page. */
export function formatMoney(pence: number): string {
  checkPence(pence);
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100).toLocaleString('en-GB');
  return `${sign}£${pounds}.${String(abs % 100).padStart(2, '0')}`;
}

/** "1234.50": an amount put back into a form box, in a shape parseMoney reads. */
export function moneyForInput(pence: number | null | undefined): string {
  if (pence === null || pence === undefined) return '';
  checkPence(pence);
  if (pence < 0) throw new RangeError(`A form amount cannot be negative: ${pence}`);
  return `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;
}
