/**
 * The closed-loop history of imported complaints (转办 … 办结), written the way the demo seed
 * writes its history: the complaint row brought to its status with its governing deadline, the
 * timeline steps with their times, then both tallies recounted with the functions the
 * migrations and the seed use. Each step through `actOnComplaint` would stamp it "now", so three
 * years of on-time and late closes could not be told apart.
 */
import { DispatchStatus, Satisfaction } from '@bizenv/common/closed-loop';
import { inTransaction } from '@bizenv/common/data-source';
import { insertRows } from '@bizenv/common/insert-rows';
import type { seededRandom } from '@bizenv/common/seeded-random';
import { officialCalendar } from '@bizenv/common/working-days';
import { ComplaintAction } from '@bizenv/complaints/complaint/complaint-enums';
import { ComplaintTimelineEntry } from '@bizenv/complaints/complaint/complaint-timeline-entry.entity';
import { rebuildTally } from '@bizenv/complaints/complaint/complaint-tally';
import { COMPLAINT_TRANSITIONS } from '@bizenv/complaints/complaint/complaint-transitions';
import { governedBy } from '@bizenv/common/closed-loop-deadlines';
import { rebuildStatTally } from '@bizenv/complaints/stats/stat-tally';
import type { RunningSubgraph } from '@bizenv/common/subgraph';

type Random = ReturnType<typeof seededRandom>;
type DataSource = RunningSubgraph<unknown>['dataSource'];

const PATHS: Record<DispatchStatus, ComplaintAction[]> = {
  AWAITING_DISPATCH: [],
  DISPATCHED: [ComplaintAction.DISPATCH],
  RETURNED: [ComplaintAction.DISPATCH, ComplaintAction.RETURN],
  ACCEPTED: [ComplaintAction.DISPATCH, ComplaintAction.ACCEPT],
  REPLIED: [ComplaintAction.DISPATCH, ComplaintAction.ACCEPT, ComplaintAction.REPLY],
  CLOSED: [ComplaintAction.DISPATCH, ComplaintAction.ACCEPT, ComplaintAction.REPLY, ComplaintAction.CLOSE],
};
const STEP_TEXT: Partial<Record<ComplaintAction, Partial<ComplaintTimelineEntry>>> = {
  RETURN: { reason: '经核实不属于本单位职责，请重新转办' },
  REPLY: { reply: '已会同相关部门核实处理，并电话答复来电人。' },
};
const HOTLINE = { actorId: 'scale-hotline', actorName: '12345热线受理员' };

export interface Settled {
  id: string;
  status: DispatchStatus;
  unit: { id: string; name: string } | null;
}

interface Stored {
  id: string;
  receivedAt: Date;
  replyDueAt: Date;
  closeDueAt: Date;
  yellowWorkingDays: number;
}

/** A time between `from` and `to` (fractions 0–1), or past `due` by up to 20 days when late. */
function stepTime(random: Random, from: number, due: number, late: boolean, cap: number): number {
  const at = late ? due + (0.1 + random.next() * 20) * 86_400_000 : from + (0.2 + random.next() * 0.75) * (due - from);
  return Math.min(at, cap);
}

/** Brings one import batch to its statuses (one transaction). */
export async function settleComplaints(dataSource: DataSource, random: Random, settled: Settled[], at: number): Promise<void> {
  const moving = settled.filter((s) => s.status !== DispatchStatus.AWAITING_DISPATCH);
  if (!moving.length) return;
  await inTransaction(dataSource, async (manager) => {
    const rows: Stored[] = await manager.query(
      `SELECT id, receivedAt, replyDueAt, closeDueAt, yellowWorkingDays FROM complaint WHERE id IN (${moving.map(() => '?').join(',')})`,
      moving.map((s) => s.id),
    );
    const stored = new Map(rows.map((row) => [row.id, row]));
    const steps: Omit<ComplaintTimelineEntry, 'id'>[] = [];
    for (const { id, status, unit } of moving) {
      const c = stored.get(id)!;
      const received = c.receivedAt.getTime();
      const path = PATHS[status];
      // Replies and closes on time nine times in ten; open items' steps spread up to now.
      const replied = stepTime(random, received, c.replyDueAt.getTime(), random.next() < 0.12, at);
      const closed = Math.max(replied + 3_600_000, stepTime(random, replied, c.closeDueAt.getTime(), random.next() < 0.08, at));
      const times = path.map((action, i) => {
        if (action === ComplaintAction.REPLY) return replied;
        if (action === ComplaintAction.CLOSE) return Math.min(closed, at);
        const end = path.includes(ComplaintAction.REPLY) ? replied : Math.min(at, c.replyDueAt.getTime() + 5 * 86_400_000);
        return received + ((end - received) * (i + 1)) / (path.length + 1);
      });
      let from: DispatchStatus = DispatchStatus.AWAITING_DISPATCH;
      path.forEach((action, i) => {
        const rule = COMPLAINT_TRANSITIONS[action];
        steps.push({
          complaintId: id,
          action,
          fromStatus: from,
          toStatus: rule.to,
          ...(rule.ownUnit ? { actorId: `scale-handler:${unit!.id}`, actorName: `${unit!.name}承办人` } : HOTLINE),
          unitId: unit!.id,
          reason: null,
          reply: null,
          satisfaction: action === ComplaintAction.CLOSE ? (random.next() < 0.93 ? Satisfaction.SATISFIED : Satisfaction.BASICALLY_SATISFIED) : null,
          coUnitIds: null,
          note: null,
          ...STEP_TEXT[action],
          at: new Date(times[i]),
        });
        from = rule.to;
      });
      const due = status === DispatchStatus.REPLIED || status === DispatchStatus.CLOSED ? governedBy(c, 'closeDueAt', officialCalendar) : {};
      const columns = { dispatchStatus: status, unitId: status === DispatchStatus.RETURNED ? null : unit!.id, version: 1 + path.length, ...due };
      await manager.query(
        `UPDATE complaint SET ${Object.keys(columns).map((k) => `${k} = ?`).join(', ')} WHERE id = ?`,
        [...Object.values(columns), id],
      );
    }
    await insertRows(manager, ComplaintTimelineEntry, steps);
  });
}

/** Both tallies recounted from the complaints and their timelines, as after the demo seed. */
export async function recountTallies(dataSource: DataSource): Promise<void> {
  await inTransaction(dataSource, async (manager) => {
    await rebuildTally(manager);
    await rebuildStatTally(manager);
  });
}
