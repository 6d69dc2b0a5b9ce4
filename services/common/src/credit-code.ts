/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character set without I, O, Z, S, V;
 * the last is a check character over the first 17.
 */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const SHAPE = /^[0-9ABCDEFGHJKLMNPQRTUWXY]{18}$/;
// 3^(i−1) mod 31 for positions 1–17.
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);

/** Why a code was refused: not 18 characters of the charset, or a wrong check character. */
export type CreditCodeReason = 'SHAPE' | 'CHECK';
export type CreditCodeResult = { ok: true } | { ok: false; reason: CreditCodeReason };

/** The check character for the first 17 characters (which must be from the charset). */
export function creditCodeCheckChar(first17: string): string {
  if (!/^[0-9ABCDEFGHJKLMNPQRTUWXY]{17}$/.test(first17)) throw new RangeError(`not 17 credit-code characters: ${first17}`);
  const sum = [...first17].reduce((total, char, i) => total + CREDIT_CODE_CHARSET.indexOf(char) * WEIGHTS[i], 0);
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

/** Strict: lowercase, spaces or full-width characters are SHAPE errors; see `normaliseCreditCode`. */
export function validateCreditCode(code: string): CreditCodeResult {
  if (!SHAPE.test(code)) return { ok: false, reason: 'SHAPE' };
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return { ok: false, reason: 'CHECK' };
  return { ok: true };
}

/**
 * What people type: codes copied from licences with surrounding spaces, typed in lowercase or
 * with a Chinese input method's full-width characters. NFKC folds full-width to ASCII; the
 * result is then validated strictly, so the stored code is always the canonical form.
 */
export function normaliseCreditCode(input: string): string {
  return input.normalize('NFKC').trim().toUpperCase();
}
