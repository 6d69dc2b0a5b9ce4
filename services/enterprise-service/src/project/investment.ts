import { DomainError, ErrorCode } from '@bizenv/common/errors';

/** 1 万元 = 10,000 元; amounts are kept as whole 元 so that no float ever rounds them. */
const YUAN_PER_WAN = 10_000n;
// 1 万亿元: far above any project, and well inside the exact range of a JS number.
const MAX_WAN_YUAN = 100_000_000n;
const AMOUNT = /^(\d{1,9})(?:\.(\d{1,4}))?$/;

/** "12345.6789" (万元, at most four decimals, i.e. to the 元) → 123456789 元. */
export function parseWanYuan(text: string, field: string): number {
  const match = AMOUNT.exec(text.trim());
  if (!match) throw new DomainError(ErrorCode.BadUserInput, '投资额应为以万元计的非负数，最多4位小数（精确到元）', { field });
  const yuan = BigInt(match[1]) * YUAN_PER_WAN + BigInt((match[2] ?? '').padEnd(4, '0'));
  if (yuan > MAX_WAN_YUAN * YUAN_PER_WAN) throw new DomainError(ErrorCode.BadUserInput, `投资额不能超过${MAX_WAN_YUAN}万元`, { field });
  return Number(yuan);
}

/** 123456789 元 → "12345.6789"; 1500000 元 → "150". */
export function formatWanYuan(yuan: number): string {
  const whole = BigInt(yuan) / YUAN_PER_WAN;
  const rest = (BigInt(yuan) % YUAN_PER_WAN).toString().padStart(4, '0').replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : `${whole}`;
}
