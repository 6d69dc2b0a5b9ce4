import { now } from '@bizenv/common/clock';
import { DispatchStatus, Satisfaction } from '@bizenv/common/closed-loop';
import { demoAccountPersonId, type DemoUnit } from '@bizenv/common/demo-city';
import type { seededRandom } from '@bizenv/common/seeded-random';
import { stableId } from '@bizenv/common/stable-id';
import { DemandAction } from './demand-action.js';
import type { DemandTimelineEntry } from './demand-timeline-entry.entity.js';
import { DEMAND_TRANSITIONS } from './demand-transitions.js';
import type { Demand } from './demand.entity.js';

type Random = ReturnType<typeof seededRandom>;
type Step = Omit<DemandTimelineEntry, 'id'>;

/** The steps that brought a demo demand to its status; a closed one may have been redone once. */
const PATHS: Record<DispatchStatus, DemandAction[]> = {
  AWAITING_DISPATCH: [],
  DISPATCHED: [DemandAction.DISPATCH],
  RETURNED: [DemandAction.DISPATCH, DemandAction.RETURN],
  ACCEPTED: [DemandAction.DISPATCH, DemandAction.ACCEPT],
  REPLIED: [DemandAction.DISPATCH, DemandAction.ACCEPT, DemandAction.REPLY],
  CLOSED: [DemandAction.DISPATCH, DemandAction.ACCEPT, DemandAction.REPLY, DemandAction.CLOSE],
};
const REDONE: DemandAction[] = [DemandAction.DISPATCH, DemandAction.ACCEPT, DemandAction.REPLY, DemandAction.REDO, DemandAction.REPLY, DemandAction.CLOSE];
const AMBASSADOR = { id: demoAccountPersonId('ambassador'), name: '市级服务大使' };
const REPLY = '已与企业对接，相关事项已协调办理，并将办理结果告知企业。';
const TEXT: Partial<Record<DemandAction, Partial<Step>>> = {
  RETURN: { reason: '经核实不属于本单位职责，请重新转办' },
  REPLY: { reply: REPLY },
  REDO: { reason: '企业回访不满意：问题尚未解决', satisfaction: Satisfaction.DISSATISFIED },
};

/**
 * The timeline of a seeded demand at `status` with `unit` (its steps spread between when it was
 * raised and now, each as the shared transition table leads), and the demand's reply and rating.
 * Draws from its own `random`, so the demo city's other draws stay as they were.
 */
export function demoDemandLoop(random: Random, demand: Pick<Demand, 'id' | 'raisedAt'>, status: DispatchStatus, unit: DemoUnit | null) {
  const path = status === DispatchStatus.CLOSED && random.next() < 0.2 ? REDONE : PATHS[status];
  const rating = random.weighted<Satisfaction>({ SATISFIED: 6, BASICALLY_SATISFIED: 3, DISSATISFIED: 0 });
  const span = now().getTime() - demand.raisedAt.getTime();
  const steps: Step[] = [];
  let from = DispatchStatus.AWAITING_DISPATCH;
  path.forEach((action, i) => {
    const rule = DEMAND_TRANSITIONS[action];
    if (!unit || !rule.from.includes(from)) throw new Error(`demo demand path ${path.join(',')} is not the loop's`);
    const actor = rule.ownUnit ? { id: stableId(`handler:${unit.key}`), name: `${unit.name}承办人` } : AMBASSADOR;
    steps.push({
      demandId: demand.id,
      action,
      fromStatus: from,
      toStatus: rule.to,
      actorId: actor.id,
      actorName: actor.name,
      unitId: stableId(unit.key),
      reason: null,
      reply: null,
      satisfaction: action === DemandAction.CLOSE ? rating : null,
      ...TEXT[action],
      at: new Date(demand.raisedAt.getTime() + (span * (i + 1)) / (path.length + 2)),
    });
    from = rule.to;
  });
  const rated = steps.filter((s) => s.satisfaction).at(-1)?.satisfaction ?? null;
  return { steps, reply: steps.some((s) => s.reply) ? REPLY : null, satisfaction: rated };
}
