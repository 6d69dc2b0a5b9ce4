import { Permission, requirePermission, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { subtreePrefix } from '@bizenv/common/region-code';
import { requireRegionCode } from '@bizenv/common/validate';
import { shanghaiDate } from '@bizenv/common/working-days';
import type { DataSource } from 'typeorm';
import type { ComplaintTrendDay } from './complaint-trend.js';
import { DAY_MEASURE, type DayMeasure } from './day-tally.js';

export const MAX_TREND_DAYS = 90;
const DAY_MS = 86_400_000;

/** The last `days` Shanghai days up to today, oldest first. */
export function lastDays(today: string, days: number): string[] {
  const end = Date.parse(`${today}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => new Date(end - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

/** Received and closed complaints per day of a region subtree, from `complaint_day_tally`. */
export class ComplaintTrendService {
  constructor(private readonly dataSource: DataSource) {}

  async trend(caller: Caller | null, regionCode: string, days: number): Promise<ComplaintTrendDay[]> {
    requireRegionCode(regionCode, 'code');
    requirePermission(caller, Permission.STATS_READ, regionCode);
    if (!Number.isInteger(days) || days < 1 || days > MAX_TREND_DAYS) {
      throw new DomainError(ErrorCode.BadUserInput, `天数应为1到${MAX_TREND_DAYS}之间的整数`, { field: 'days' });
    }
    const dates = lastDays(shanghaiDate(now()), days);
    const rows: { day: string; measure: DayMeasure; count: string | number }[] = await this.dataSource
      .createQueryBuilder()
      .select('t.day', 'day')
      .addSelect('t.measure', 'measure')
      .addSelect('SUM(t.count)', 'count')
      .from('complaint_day_tally', 't')
      .where('t.day >= :first', { first: dates[0] })
      .andWhere('t.regionCode LIKE :prefix', { prefix: `${subtreePrefix(regionCode)}%` })
      .groupBy('t.day')
      .addGroupBy('t.measure')
      .getRawMany();
    const counts = new Map(rows.map((row) => [`${row.day}/${row.measure}`, Number(row.count)]));
    const count = (date: string, measure: DayMeasure) => counts.get(`${date}/${measure}`) ?? 0;
    return dates.map((date) => ({ date, received: count(date, DAY_MEASURE.RECEIVED), closed: count(date, DAY_MEASURE.CLOSED) }));
  }
}
