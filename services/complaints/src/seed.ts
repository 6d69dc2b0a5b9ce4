import { now } from '@bizenv/common/clock';
import { inTransaction } from '@bizenv/common/data-source';
import { DEMO_REGIONS, DEMO_UNITS } from '@bizenv/common/demo-city';
import { seededRandom } from '@bizenv/common/seeded-random';
import { stableId } from '@bizenv/common/stable-id';
import type { DataSource } from 'typeorm';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import { Channel, ComplaintCategory } from './complaint/complaint-enums.js';
import { rebuildTally } from './complaint/complaint-tally.js';
import { Complaint } from './complaint/complaint.entity.js';
import { complaintDeadlines } from './complaint/deadline-policy.js';

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
    const deadlines = complaintDeadlines(channel, receivedAt);
    const replied = status === DispatchStatus.REPLIED || status === DispatchStatus.CLOSED;
    complaints.push({
      id: stableId(`complaint:${i}`),
      channel,
      category,
      title: random.pick(TITLES[category]),
      content: `${town.name}群众反映：${random.pick(TITLES[category])}，请相关单位核实处理。`,
      regionCode: town.code,
      unitId: status === DispatchStatus.AWAITING_DISPATCH ? null : stableId(random.pick(units).key),
      receivedAt,
      replyDueAt: deadlines.replyDueAt,
      closeDueAt: deadlines.closeDueAt,
      deadlineProvisional: deadlines.provisional,
      dueAt: replied ? deadlines.closeDueAt : deadlines.replyDueAt,
      dispatchStatus: status,
      version: 1,
    });
  }
  await inTransaction(dataSource, async (manager) => {
    await manager.insert(Complaint, complaints);
    await rebuildTally(manager);
  });
}
