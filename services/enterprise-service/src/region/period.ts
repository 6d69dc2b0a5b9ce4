import { shanghaiDate, startOfShanghaiDay } from '@bizenv/common/working-days';

/** Start of the Asia/Shanghai calendar month that contains `at`. */
export function startOfMonth(at: Date): Date {
  return startOfShanghaiDay(`${shanghaiDate(at).slice(0, 7)}-01`);
}

/** Start of the Asia/Shanghai calendar quarter (January, April, July, October) that contains `at`. */
export function startOfQuarter(at: Date): Date {
  const [year, month] = shanghaiDate(at).split('-').map(Number);
  const first = month - ((month - 1) % 3);
  return startOfShanghaiDay(`${year}-${String(first).padStart(2, '0')}-01`);
}
