import type { RecomputeDeadlines } from '@bizenv/common/calendar-follower';
import { now } from '@bizenv/common/clock';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import { updateVersioned } from '@bizenv/common/versioned-update';
import { endOfShanghaiDay, startOfShanghaiDay } from '@bizenv/common/working-days';
import { Complaint } from '../complaint/complaint.entity.js';
import { recountedDeadlines } from '../complaint/deadline-policy.js';

/**
 * After `year` was loaded: every open complaint whose counting runs through that year gets its
 * deadlines not yet passed counted again (and loses `deadlineProvisional` once every year it
 * crosses is known). Only changed complaints are written, each with a new version (an operator
 * acting on the old one gets CONFLICT) and a `complaint.deadline-changed` event for the screens.
 */
export const recountComplaints: RecomputeDeadlines = async (manager, record, calendar, year) => {
  const at = now();
  const candidates = await manager
    .getRepository(Complaint)
    .createQueryBuilder('c')
    .where('c.dispatchStatus <> :closed', { closed: DispatchStatus.CLOSED })
    .andWhere('c.receivedAt <= :yearEnd', { yearEnd: endOfShanghaiDay(`${year}-12-31`) })
    .andWhere('(c.replyDueAt >= :yearStart OR c.closeDueAt >= :yearStart)', { yearStart: startOfShanghaiDay(`${year}-01-01`) })
    .getMany();
  await updateVersioned(manager, Complaint, candidates, (complaint) => recountedDeadlines(complaint, calendar, at), (complaint) =>
    record({
      topic: 'complaint.deadline-changed',
      regionCode: complaint.regionCode,
      payload: { id: complaint.id, title: complaint.title, dueAt: complaint.dueAt.toISOString(), deadlineProvisional: complaint.deadlineProvisional },
    }),
  );
};
