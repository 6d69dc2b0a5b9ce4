import type { RecomputeDeadlines } from '@bizenv/common/calendar-follower';
import { now } from '@bizenv/common/clock';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import { recountedDeadlines } from '@bizenv/common/closed-loop-deadlines';
import { updateVersioned } from '@bizenv/common/versioned-update';
import { endOfShanghaiDay, startOfShanghaiDay } from '@bizenv/common/working-days';
import { Demand } from './demand.entity.js';

/**
 * After `year` was loaded: every open demand whose counting runs through that year gets its
 * deadlines not yet passed counted again from when it was raised, as a complaint's are. Only
 * changed demands are written, each with a new version (an action on the old one gets CONFLICT)
 * and a `demand.deadline-changed` event for the screens.
 */
export const recountDemands: RecomputeDeadlines = async (manager, record, calendar, year) => {
  const at = now();
  const demands = await manager
    .getRepository(Demand)
    .createQueryBuilder('d')
    .where('d.status <> :closed', { closed: DispatchStatus.CLOSED })
    .andWhere('d.raisedAt <= :yearEnd', { yearEnd: endOfShanghaiDay(`${year}-12-31`) })
    .andWhere('(d.replyDueAt >= :yearStart OR d.closeDueAt >= :yearStart)', { yearStart: startOfShanghaiDay(`${year}-01-01`) })
    .getMany();
  await updateVersioned(manager, Demand, demands, (demand) => recountedDeadlines(demand, demand.raisedAt, calendar, at), (demand) =>
    record({
      topic: 'demand.deadline-changed',
      regionCode: demand.regionCode,
      payload: { id: demand.id, title: demand.title, dueAt: demand.dueAt.toISOString(), deadlineProvisional: demand.deadlineProvisional },
    }),
  );
};
