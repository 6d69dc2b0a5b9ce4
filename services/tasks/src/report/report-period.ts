import { endOfShanghaiDay } from '@bizenv/common/working-days';
import { registerEnumType } from 'type-graphql';

/** How often a campaign's lead units report progress: by month end [003], every two months or every quarter [004]. */
export enum ReportCadence {
  MONTHLY = 'MONTHLY',
  BIMONTHLY = 'BIMONTHLY',
  QUARTERLY = 'QUARTERLY',
}

registerEnumType(ReportCadence, {
  name: 'ReportCadence',
  description: '进度报送周期；每期截止于该期最后一日24时（北京时间）',
  valuesConfig: {
    MONTHLY: { description: '每月（月底前报送）' },
    BIMONTHLY: { description: '每两个月（1—2月、3—4月……）' },
    QUARTERLY: { description: '每季度' },
  },
});

const MONTHS: Record<ReportCadence, number> = { MONTHLY: 1, BIMONTHLY: 2, QUARTERLY: 3 };
const QUARTER_NAMES = ['一', '二', '三', '四'];

/** One reporting period: months aligned to the calendar year. */
export interface ReportPeriod {
  /** First month of the period, "YYYY-MM": the key a report is filed under. */
  key: string;
  label: string;
  startsOn: string;
  endsOn: string;
  /** End of the period's last Shanghai day. */
  dueAt: Date;
}

const pad = (n: number) => String(n).padStart(2, '0');

function periodStarting(cadence: ReportCadence, year: number, month: number): ReportPeriod {
  const last = month + MONTHS[cadence] - 1;
  const endsOn = new Date(Date.UTC(year, last, 0)).toISOString().slice(0, 10);
  const label =
    cadence === ReportCadence.QUARTERLY
      ? `${year}年第${QUARTER_NAMES[(month - 1) / 3]}季度`
      : cadence === ReportCadence.BIMONTHLY
        ? `${year}年${month}—${last}月`
        : `${year}年${month}月`;
  return { key: `${year}-${pad(month)}`, label, startsOn: `${year}-${pad(month)}-01`, endsOn, dueAt: endOfShanghaiDay(endsOn) };
}

/** The period of `cadence` containing the Shanghai day `date` ("YYYY-MM-DD"). */
export function periodContaining(cadence: ReportCadence, date: string): ReportPeriod {
  const [year, month] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  const size = MONTHS[cadence];
  return periodStarting(cadence, year, month - ((month - 1) % size));
}

/** The period a key ("YYYY-MM", its first month) names, or null if no period of `cadence` starts then. */
export function periodOfKey(cadence: ReportCadence, key: string): ReportPeriod | null {
  const match = /^(\d{4})-(\d{2})$/.exec(key);
  if (!match) return null;
  const [year, month] = [Number(match[1]), Number(match[2])];
  if (month < 1 || month > 12 || (month - 1) % MONTHS[cadence] !== 0) return null;
  return periodStarting(cadence, year, month);
}

/** Every period overlapping the Shanghai days `from`..`to` (inclusive), in order. */
export function periodsOverlapping(cadence: ReportCadence, from: string, to: string): ReportPeriod[] {
  const periods: ReportPeriod[] = [];
  for (let period = periodContaining(cadence, from); period.startsOn <= to; ) {
    periods.push(period);
    const next = new Date(Date.parse(`${period.endsOn}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    period = periodContaining(cadence, next);
  }
  return periods;
}
