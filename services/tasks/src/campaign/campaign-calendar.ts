import { registerEnumType } from 'type-graphql';

export enum CampaignStatus {
  NOT_STARTED = 'NOT_STARTED',
  IN_PROGRESS = 'IN_PROGRESS',
  ENDED = 'ENDED',
}

registerEnumType(CampaignStatus, {
  name: 'CampaignStatus',
  description: '活动进展（按北京时间的日期）',
  valuesConfig: { NOT_STARTED: { description: '未开始' }, IN_PROGRESS: { description: '进行中' }, ENDED: { description: '已结束' } },
});

const DAY_MS = 86_400_000;

/** A span of Shanghai days, both ends included ("YYYY-MM-DD"). */
export interface DaySpan {
  startsOn: string;
  endsOn: string;
}

export function statusOn(span: DaySpan, today: string): CampaignStatus {
  if (today < span.startsOn) return CampaignStatus.NOT_STARTED;
  return today <= span.endsOn ? CampaignStatus.IN_PROGRESS : CampaignStatus.ENDED;
}

/**
 * Days left until the end of `endsOn`, counting today: 1 on the last day, 0 once it has passed.
 * (A screen reads "还剩N天" and must not say 0 while the day is still running.)
 */
export function daysLeft(endsOn: string, today: string): number {
  return Math.max(0, Math.round((Date.parse(`${endsOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS) + 1);
}

/** The span containing `today`, if any (phases do not overlap). */
export function spanOn<T extends DaySpan>(spans: readonly T[], today: string): T | null {
  return spans.find((span) => statusOn(span, today) === CampaignStatus.IN_PROGRESS) ?? null;
}
