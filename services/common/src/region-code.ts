/**
 * Administrative codes (GB/T 2260, with nine-digit town codes below county level) encode their
 * ancestry: the significant prefix of a code is the prefix of every code in its subtree.
 */
const CODE_SHAPE = /^\d{6}(\d{3})?$/;

export function isRegionCode(code: string): boolean {
  return CODE_SHAPE.test(code);
}

/** Prefix shared by a region and every region below it: 330000 → "33", 330100 → "3301". */
export function subtreePrefix(code: string): string {
  if (code.length === 9) return code;
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/**
 * True when `code` is `ancestor` itself or lies in its subtree. A malformed code is never
 * within anything: "9901020000" starts with "990102" but would widen a query to "99%".
 */
export function isWithin(code: string, ancestor: string): boolean {
  return isRegionCode(code) && isRegionCode(ancestor) && code.startsWith(subtreePrefix(ancestor));
}

/** True when one region contains the other: they lie on one branch (a city and its district, not two districts). */
export function onOneBranch(a: string, b: string): boolean {
  return isWithin(a, b) || isWithin(b, a);
}
