import { now } from '@bizenv/common/clock';
import { inTransaction } from '@bizenv/common/data-source';
import { DEMO_REGIONS, DEMO_UNITS, type DemoUnit } from '@bizenv/common/demo-city';
import { seededRandom } from '@bizenv/common/seeded-random';
import { stableId } from '@bizenv/common/stable-id';
import type { DataSource } from 'typeorm';
import { DispatchStatus, Satisfaction } from '@bizenv/common/closed-loop';
import { Channel, ComplaintAction, ComplaintCategory, ComplaintTimelineAction } from './complaint/complaint-enums.js';
import { ComplaintTimelineEntry } from './complaint/complaint-timeline-entry.entity.js';
import { rebuildTally } from './complaint/complaint-tally.js';
import { Complaint } from './complaint/complaint.entity.js';
import { COMPLAINT_TRANSITIONS } from './complaint/complaint-transitions.js';
import { complaintDeadlines } from './complaint/deadline-policy.js';
import { DEFAULT_DEADLINE_RULES, pickRule } from './deadline/deadline-rules.js';
import { officialCalendar } from '@bizenv/common/working-days';
import { rebuildDayTally } from './stats/day-tally.js';
import { rebuildStatTally } from './stats/stat-tally.js';

/** The steps that brought a demo complaint to its status, after 受理. */
const PATHS: Record<DispatchStatus, ComplaintAction[]> = {
  AWAITING_DISPATCH: [],
  DISPATCHED: [ComplaintAction.DISPATCH],
  RETURNED: [ComplaintAction.DISPATCH, ComplaintAction.RETURN],
  ACCEPTED: [ComplaintAction.DISPATCH, ComplaintAction.ACCEPT],
  REPLIED: [ComplaintAction.DISPATCH, ComplaintAction.ACCEPT, ComplaintAction.REPLY],
  CLOSED: [ComplaintAction.DISPATCH, ComplaintAction.ACCEPT, ComplaintAction.REPLY, ComplaintAction.CLOSE],
};
const HOTLINE_ACCOUNT = { id: stableId('user:hotline'), name: '12345热线受理员' };
const STEP_TEXT: Partial<Record<ComplaintAction, Partial<ComplaintTimelineEntry>>> = {
  RETURN: { reason: '经核实不属于本单位职责，请重新转办' },
  REPLY: { reply: '已会同相关部门核实处理，并电话答复来电人。' },
  CLOSE: { satisfaction: Satisfaction.SATISFIED },
};

const TITLES: Record<ComplaintCategory, string[]> = {
  ASKING_FAVOURS: ['办理施工许可时工作人员暗示"打点"', '窗口人员索要购物卡'],
  BUCK_PASSING: ['企业开办涉及三个部门相互推诿', '用地手续材料被反复退回'],
  ARBITRARY_CHARGES: ['同一事项一个月内被检查四次', '收取无依据的评审费'],
  BROKEN_PROMISES: ['招商承诺的奖励资金两年未兑现', '政府工程款拖欠至今'],
  BLACK_INTERMEDIARY: ['不动产登记窗口外有人兜售"加急"', '指定中介办理环评'],
  IRREGULAR_ENFORCEMENT: ['执法人员未出示证件即处罚', '轻微违法未适用首违不罚'],
  OTHER: ['用电报装时限超出承诺', '政务服务网办事指南与实际不符'],
};

/** Demo complaints over the last 45 days: some closed, some in progress, some overdue. */
export async function seedComplaints(dataSource: DataSource): Promise<void> {
  if (await dataSource.getRepository(Complaint).count()) return;
  const random = seededRandom(12345);
  const towns = DEMO_REGIONS.filter((r) => r.level === 'TOWN');
  const complaints: Complaint[] = [];
  const timeline: Omit<ComplaintTimelineEntry, 'id'>[] = [];
  for (let i = 0; i < 160; i++) {
    const town = random.pick(towns);
    const district = town.parentCode!;
    const units = DEMO_UNITS.filter((u) => u.regionCode === district || u.regionCode === '990100');
    const channel = random.weighted<Channel>({ HOTLINE_12345: 6, HOTLINE_967788: 2, MONITORING_POINT: 1, MINXIN_WEB: 1, REPORT_PHONE: 1, WECHAT: 1, UNDERCOVER_INSPECTION: 1 });
    const category = random.pick(Object.values(ComplaintCategory));
    const ageDays = random.next() * 45;
    const receivedAt = new Date(now().getTime() - ageDays * 86_400_000);
    const status = random.weighted<DispatchStatus>(
      ageDays > 20
        ? { CLOSED: 8, REPLIED: 1, ACCEPTED: 1, DISPATCHED: 0, RETURNED: 0, AWAITING_DISPATCH: 0 }
        : { CLOSED: 2, REPLIED: 2, ACCEPTED: 3, DISPATCHED: 2, RETURNED: 1, AWAITING_DISPATCH: 1 },
    );
    const replied = status === DispatchStatus.REPLIED || status === DispatchStatus.CLOSED;
    // The rules a fresh database starts with (the migration stores them), as 受理 would apply them.
    const deadlines = complaintDeadlines(pickRule(DEFAULT_DEADLINE_RULES, channel, category), receivedAt, officialCalendar, replied ? 'closeDueAt' : 'replyDueAt');
    const id = stableId(`complaint:${i}`);
    // Drawn in the same order as before the timeline existed, so the demo city stays the same.
    const title = random.pick(TITLES[category]);
    const content = `${town.name}群众反映：${random.pick(TITLES[category])}，请相关单位核实处理。`;
    const unit = status === DispatchStatus.AWAITING_DISPATCH ? null : random.pick(units);
    timeline.push(...demoTimeline(id, receivedAt, status, unit));
    complaints.push({
      id,
      channel,
      category,
      title,
      content,
      regionCode: town.code,
      // 退回 leaves the complaint without a unit until it is dispatched again.
      unitId: unit && status !== DispatchStatus.RETURNED ? stableId(unit.key) : null,
      subjectUnitId: null,
      receivedAt,
      ...deadlines,
      dispatchStatus: status,
      externalId: null,
      version: 1,
    });
  }
  await inTransaction(dataSource, async (manager) => {
    await manager.insert(Complaint, complaints);
    await manager.insert(ComplaintTimelineEntry, timeline);
    await rebuildTally(manager);
    await rebuildStatTally(manager);
    await rebuildDayTally(manager);
  });
}

/** 受理 and the steps that brought a demo complaint to `status`, spread between receipt and now. */
function demoTimeline(complaintId: string, receivedAt: Date, status: DispatchStatus, unit: DemoUnit | null): Omit<ComplaintTimelineEntry, 'id'>[] {
  const path = PATHS[status];
  const span = now().getTime() - receivedAt.getTime();
  const none = { reason: null, reply: null, satisfaction: null, coUnitIds: null, note: null };
  const entries: Omit<ComplaintTimelineEntry, 'id'>[] = [
    { complaintId, action: ComplaintTimelineAction.RECEIVE, fromStatus: null, toStatus: DispatchStatus.AWAITING_DISPATCH, actorId: HOTLINE_ACCOUNT.id, actorName: HOTLINE_ACCOUNT.name, unitId: null, ...none, at: receivedAt },
  ];
  path.forEach((action, step) => {
    const rule = COMPLAINT_TRANSITIONS[action];
    if (!unit) throw new Error('a dispatched demo complaint has a unit');
    const actor = rule.ownUnit ? { id: stableId(`handler:${unit.key}`), name: `${unit.name}承办人` } : HOTLINE_ACCOUNT;
    entries.push({
      complaintId,
      action,
      fromStatus: entries[entries.length - 1].toStatus,
      toStatus: rule.to,
      actorId: actor.id,
      actorName: actor.name,
      unitId: stableId(unit.key),
      ...none,
      ...STEP_TEXT[action],
      at: new Date(receivedAt.getTime() + (span * (step + 1)) / (path.length + 2)),
    });
  });
  return entries;
}
