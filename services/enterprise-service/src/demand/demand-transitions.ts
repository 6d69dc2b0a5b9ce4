import { Permission } from '@bizenv/common/auth';
import { closedLoopTransitions } from '@bizenv/common/closed-loop-transitions';

/** What a demand is called in messages. */
export const DEMAND_NOUN = '诉求';

/**
 * A demand's closed loop: the complaints' table, steered by the service ambassadors
 * (demand:dispatch) and handled by the unit it was dispatched to (demand:handle).
 */
export const DEMAND_TRANSITIONS = closedLoopTransitions({ steer: Permission.DEMAND_DISPATCH, handle: Permission.DEMAND_HANDLE, noun: DEMAND_NOUN });
