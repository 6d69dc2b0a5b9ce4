import { Permission, requirePermission, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { DispatchStatus, OPEN_STATUSES } from '@bizenv/common/closed-loop';
import { yellowAt } from '@bizenv/common/lights';
import { subtreePrefix } from '@bizenv/common/region-code';
import { requireRegionCode } from '@bizenv/common/validate';
import { shanghaiDate, startOfShanghaiDay, type WorkingCalendar } from '@bizenv/common/working-days';
import { In, MoreThanOrEqual, type DataSource } from 'typeorm';
import { ComplaintTimelineAction } from '../complaint/complaint-enums.js';
import { ComplaintTimelineEntry } from '../complaint/complaint-timeline-entry.entity.js';
import { Complaint } from '../complaint/complaint.entity.js';
import { ComplaintExtension, ExtensionStatus } from '../extension/complaint-extension.entity.js';
import type { ComplaintsAtStartOfDay } from './start-of-day.js';

type Figures = Omit<ComplaintsAtStartOfDay, 'at'>;
/** What decides a complaint's figures at an instant: open or not, and the deadline then in force. */
interface StateAt {
  open: boolean;
  dueAt: Date;
  yellowAt: Date | null;
}

const ID_BATCH = 500;

/**
 * The region's complaint figures at today's 00:00 (Asia/Shanghai), from the data, so the screen's
 * "今日 ±n" is true whenever it was opened. A complaint with no step today stands at 00:00 as it
 * stands now: those are counted from the current rows (open-complaint index). The few with a step
 * today are replayed from their timeline: status before 00:00, the reply or close deadline then in
 * force (close once replied), the close deadline before an extension approved today.
 */
export class StartOfDayService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calendar: WorkingCalendar,
  ) {}

  async figures(caller: Caller | null, regionCode: string): Promise<ComplaintsAtStartOfDay> {
    requireRegionCode(regionCode, 'code');
    requirePermission(caller, Permission.STATS_READ, regionCode);
    const at = startOfShanghaiDay(shanghaiDate(now()));
    const prefix = `${subtreePrefix(regionCode)}%`;
    const figures = await this.countAsNow(prefix, at);
    for (const batch of await this.touchedToday(prefix, at)) {
      const states = await this.statesAt(batch, at);
      for (const complaint of batch) {
        subtract(figures, count(stateNow(complaint), at, complaint.receivedAt));
        add(figures, count(states.get(complaint.id)!, at, complaint.receivedAt));
      }
    }
    return { at, ...figures };
  }

  /** Every complaint counted as if its current row held at `at` (true for those with no step since). */
  private async countAsNow(prefix: string, at: Date): Promise<Figures> {
    const base = () =>
      this.dataSource
        .getRepository(Complaint)
        .createQueryBuilder('c')
        .where('c.dispatchStatus IN (:...open)', { open: OPEN_STATUSES })
        .andWhere('c.regionCode LIKE :prefix', { prefix })
        .andWhere('c.receivedAt < :at', { at });
    return {
      open: await base().getCount(),
      overdue: await base().andWhere('c.dueAt < :at', { at }).getCount(),
      dueSoon: await base().andWhere('c.dueAt >= :at AND c.yellowAt <= :at', { at }).getCount(),
    };
  }

  /** Complaints of the subtree with a step at or after `at` (received, moved, extended, noted). */
  private async touchedToday(prefix: string, at: Date): Promise<Complaint[][]> {
    const rows: { complaintId: string }[] = await this.dataSource
      .getRepository(ComplaintTimelineEntry)
      .createQueryBuilder('e')
      .select('DISTINCT e.complaintId', 'complaintId')
      .innerJoin(Complaint, 'c', 'c.id = e.complaintId')
      .where('e.at >= :at', { at })
      .andWhere('c.regionCode LIKE :prefix', { prefix })
      .getRawMany();
    const ids = rows.map((row) => row.complaintId);
    const batches: Complaint[][] = [];
    for (let i = 0; i < ids.length; i += ID_BATCH) {
      batches.push(await this.dataSource.getRepository(Complaint).findBy({ id: In(ids.slice(i, i + ID_BATCH)) }));
    }
    return batches;
  }

  /** The complaints at `at`, replayed from their timelines and today's approved extensions. */
  private async statesAt(complaints: Complaint[], at: Date): Promise<Map<string, StateAt>> {
    const ids = complaints.map((c) => c.id);
    const before = await this.dataSource
      .getRepository(ComplaintTimelineEntry)
      .createQueryBuilder('e')
      .select(['e.id', 'e.complaintId', 'e.action', 'e.toStatus', 'e.at'])
      .where('e.complaintId IN (:...ids) AND e.at < :at', { ids, at })
      .orderBy('e.at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .getMany();
    // the earliest approval today holds the close deadline of 00:00
    const extensions = await this.dataSource.getRepository(ComplaintExtension).find({
      where: { complaintId: In(ids), status: ExtensionStatus.APPROVED, decidedAt: MoreThanOrEqual(at) },
      order: { decidedAt: 'DESC' },
    });
    const closeDueAtThen = new Map(extensions.map((e) => [e.complaintId, e.previousCloseDueAt]));
    const stepsOf = new Map<string, ComplaintTimelineEntry[]>();
    for (const entry of before) stepsOf.set(entry.complaintId, [...(stepsOf.get(entry.complaintId) ?? []), entry]);
    const states = new Map<string, StateAt>();
    for (const complaint of complaints) {
      const steps = stepsOf.get(complaint.id) ?? [];
      const replied = steps.some((e) => e.action === ComplaintTimelineAction.REPLY);
      const dueAt = replied ? (closeDueAtThen.get(complaint.id) ?? complaint.closeDueAt) : complaint.replyDueAt;
      states.set(complaint.id, {
        open: steps.length > 0 && steps.at(-1)!.toStatus !== DispatchStatus.CLOSED,
        dueAt,
        // the stored time while that deadline still governs; else counted as the policy counts it
        yellowAt: dueAt.getTime() === complaint.dueAt.getTime() ? complaint.yellowAt : yellowAt(dueAt, complaint.yellowWorkingDays, this.calendar),
      });
    }
    return states;
  }
}

function stateNow(complaint: Complaint): StateAt {
  return { open: complaint.dispatchStatus !== DispatchStatus.CLOSED, dueAt: complaint.dueAt, yellowAt: complaint.yellowAt };
}

/** One complaint's part in the figures at `at`, by the rules of `overdue` and `dueSoon`. */
function count(state: StateAt, at: Date, receivedAt: Date): Figures {
  if (!state.open || receivedAt >= at) return { open: 0, overdue: 0, dueSoon: 0 };
  const overdue = state.dueAt < at;
  return { open: 1, overdue: overdue ? 1 : 0, dueSoon: !overdue && state.yellowAt !== null && state.yellowAt <= at ? 1 : 0 };
}

function add(into: Figures, part: Figures): void {
  into.open += part.open;
  into.overdue += part.overdue;
  into.dueSoon += part.dueSoon;
}

function subtract(into: Figures, part: Figures): void {
  add(into, { open: -part.open, overdue: -part.overdue, dueSoon: -part.dueSoon });
}
