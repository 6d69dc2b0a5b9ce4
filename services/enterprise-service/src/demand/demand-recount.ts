import type { RecomputeDeadlines } from '@bizenv/common/calendar-follower';
import { now } from '@bizenv/common/clock';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import { updateVersioned } from '@bizenv/common/versioned-update';
import { endOfShanghaiDay, startOfShanghaiDay } from '@bizenv/common/working-days';
import { demandDeadline } from './demand-deadline.js';
import { Demand } from './demand.entity.js';

/**
 * After `year` was loaded: open demands not yet due whose counting runs through that year are
 * counted again; only changed ones are written, each with a new version (an action on the old
 * one gets CONFLICT) and a `demand.deadline-changed` event for the screens.
 */
export const recountDemands: RecomputeDeadlines = async (manager, record, calendar, year) => {
  const at = now();
  const demands = await manager
    .getRepository(Demand)
    .createQueryBuilder('d')
    .where('d.status <> :closed', { closed: DispatchStatus.CLOSED })
    .andWhere('d.raisedAt <= :yearEnd', { yearEnd: endOfShanghaiDay(`${year}-12-31`) })
    .andWhere('d.dueAt >= :yearStart', { yearStart: startOfShanghaiDay(`${year}-01-01`) })
    .getMany();
  const recounted = (demand: Demand): Partial<Demand> | null => {
    if (demand.dueAt <= at) return null;
    const { dueAt, provisional } = demandDeadline(demand.raisedAt, calendar);
    return dueAt.getTime() === demand.dueAt.getTime() && provisional === demand.deadlineProvisional ? null : { dueAt, deadlineProvisional: provisional };
  };
  await updateVersioned(manager, Demand, demands, recounted, (demand) =>
    record({
      topic: 'demand.deadline-changed',
      regionCode: demand.regionCode,
      payload: { id: demand.id, title: demand.title, dueAt: demand.dueAt.toISOString(), deadlineProvisional: demand.deadlineProvisional },
    }),
  );
};
