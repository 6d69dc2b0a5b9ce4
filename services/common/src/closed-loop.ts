import { registerEnumType } from 'type-graphql';

/**
 * Position in the closed loop (受理 → 转办 → 签收/退回 → 办理 → 答复 → 办结) shared by complaints
 * and enterprise demands, as the screen counts it.
 */
export enum DispatchStatus {
  AWAITING_DISPATCH = 'AWAITING_DISPATCH',
  DISPATCHED = 'DISPATCHED',
  ACCEPTED = 'ACCEPTED',
  RETURNED = 'RETURNED',
  REPLIED = 'REPLIED',
  CLOSED = 'CLOSED',
}

registerEnumType(DispatchStatus, {
  name: 'DispatchStatus',
  description: '转办状态',
  valuesConfig: {
    AWAITING_DISPATCH: { description: '待转办' },
    DISPATCHED: { description: '已转办待签收' },
    ACCEPTED: { description: '已签收办理中' },
    RETURNED: { description: '已退回待重新转办' },
    REPLIED: { description: '已答复' },
    CLOSED: { description: '已办结' },
  },
});

/** States in which an item still counts as open. */
export const OPEN_STATUSES = Object.values(DispatchStatus).filter((s) => s !== DispatchStatus.CLOSED);

/** 回访满意度 (好差评): the complainant's or the enterprise's rating taken at the follow-up before closing. */
export enum Satisfaction {
  SATISFIED = 'SATISFIED',
  BASICALLY_SATISFIED = 'BASICALLY_SATISFIED',
  DISSATISFIED = 'DISSATISFIED',
}

registerEnumType(Satisfaction, {
  name: 'Satisfaction',
  description: '回访满意度',
  valuesConfig: {
    SATISFIED: { description: '满意' },
    BASICALLY_SATISFIED: { description: '基本满意' },
    DISSATISFIED: { description: '不满意（应重办，不能办结）' },
  },
});

/** Ratings that count as satisfied (满意率): satisfied or basically satisfied. */
export const SATISFIED_RATINGS: readonly Satisfaction[] = [Satisfaction.SATISFIED, Satisfaction.BASICALLY_SATISFIED];
