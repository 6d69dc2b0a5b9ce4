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
