import { insertRows } from '@bizenv/common/insert-rows';
import { DEFAULT_YELLOW_WORKING_DAYS, yellowAt } from '@bizenv/common/lights';
import { demoAccountPersonId } from '@bizenv/common/demo-city';
import { stableId } from '@bizenv/common/stable-id';
import { endOfShanghaiDay, officialCalendar, shanghaiDate } from '@bizenv/common/working-days';
import type { EntityManager } from 'typeorm';
import { CHENGNAN } from './demo-plans/chengnan.js';
import { LINJIANG } from './demo-plans/linjiang.js';
import { ProblemSource, ProblemStatus, ProblemTimelineAction } from './ledger/problem-enums.js';
import { ProblemTimelineEntry } from './ledger/problem-timeline-entry.entity.js';
import { Problem } from './ledger/problem.entity.js';
import { SelfInspectionReport } from './ledger/self-inspection-report.entity.js';
import { AdmonishingTalk } from './supervision/admonishing-talk.entity.js';
import { BulletinEntry } from './supervision/bulletin-entry.entity.js';
import { Bulletin } from './supervision/bulletin.entity.js';
import { BulletinVerdict, SupervisionAction, SupervisionLevel, SupervisionStatus, SupervisionTargetKind } from './supervision/supervision-enums.js';
import { SupervisionStep } from './supervision/supervision-step.entity.js';
import { Supervision } from './supervision/supervision.entity.js';

const DAY_MS = 86_400_000;
const HANDLER = { id: demoAccountPersonId('handler'), name: '临江区市场监管局承办人' };
const SUPERVISOR = { id: demoAccountPersonId('supervisor'), name: '市营商办督办员' };
const MARKET = stableId('990102-market');

/**
 * The ledger side of the demo, relative to now: 临江区市场监督管理局's 一报告四清单 (the `handler`
 * account's unit) with a problem signed off, one awaiting sign-off, one on track and one red under
 * a 督办单 after a missed 催办; an inspection finding turning yellow in 城南区; a bulletin; a 约谈.
 */
export async function seedOversight(manager: EntityManager, at: Date): Promise<void> {
  const ago = (days: number) => new Date(at.getTime() - days * DAY_MS);
  const dayEnd = (days: number) => endOfShanghaiDay(shanghaiDate(new Date(at.getTime() + days * DAY_MS)));
  const report: SelfInspectionReport = {
    id: stableId('demo:report:linjiang-market'),
    campaignId: stableId(`campaign:${LINJIANG.key}`),
    unitId: MARKET,
    regionCode: LINJIANG.regionCode,
    title: '临江区市场监督管理局营商环境问题查摆自查报告',
    content: '对照“五大专项行动”整治内容，通过座谈、走访企业和窗口暗访查摆问题4个，逐项明确责任人、整改措施和时限。',
    submittedById: HANDLER.id,
    submittedByName: HANDLER.name,
    submittedAt: ago(40),
  };
  const problem = (key: string, title: string, cause: string, measures: string, timeLimit: Date, status: ProblemStatus, extra: Partial<Problem> = {}): Problem => ({
    id: stableId(`demo:problem:${key}`),
    reportId: report.id,
    campaignId: report.campaignId,
    source: ProblemSource.SELF_INSPECTION,
    sourceRef: null,
    title,
    description: null,
    cause,
    measures,
    responsibleUnitId: MARKET,
    responsiblePersonId: HANDLER.id,
    regionCode: report.regionCode,
    timeLimit,
    yellowAt: yellowAt(timeLimit, DEFAULT_YELLOW_WORKING_DAYS, officialCalendar),
    status,
    signOffRequestedAt: null,
    closedAt: null,
    createdAt: report.submittedAt,
    version: 1,
    ...extra,
  });
  const done = problem('one-window', '企业开办“一窗通办”材料重复提交', '部门间证照信息未共享', '接入电子证照库，取消重复材料', dayEnd(-20), ProblemStatus.SIGNED_OFF, {
    signOffRequestedAt: ago(22),
    closedAt: ago(21),
    version: 3,
  });
  const pending = problem('notice', '个体工商户登记告知不一次到位', '一次性告知清单未更新', '修订告知清单并上墙公示', dayEnd(10), ProblemStatus.AWAITING_SIGN_OFF, {
    signOffRequestedAt: ago(1),
    version: 2,
  });
  const onTrack = problem('food-licence', '食品经营许可现场核查时限偏长', '核查人员不足，排期靠后', '推行告知承诺制，先证后查', dayEnd(45), ProblemStatus.RECTIFYING);
  const red = problem('inspections', '涉企检查多头检查、重复检查', '检查计划未统筹', '推行“双随机、一公开”联合检查，制定年度检查计划', dayEnd(-5), ProblemStatus.RECTIFYING, { version: 3 });
  const finding: Problem = {
    ...problem('chengnan-window', '窗口工作人员脱岗、办事群众久等', '窗口AB岗制度未落实', '落实AB岗和考勤制度', dayEnd(1), ProblemStatus.RECTIFYING),
    id: stableId('demo:problem:chengnan-window'),
    reportId: null,
    campaignId: stableId(`campaign:${CHENGNAN.key}`),
    source: ProblemSource.UNDERCOVER_INSPECTION,
    sourceRef: '暗访通报〔{Y}〕2号'.replace('{Y}', shanghaiDate(at).slice(0, 4)),
    responsibleUnitId: stableId(`${CHENGNAN.regionCode}-housing`),
    responsiblePersonId: null,
    regionCode: `${CHENGNAN.regionCode}001`,
    createdAt: ago(12),
  };
  const problems = [done, pending, onTrack, red, finding];
  await manager.insert(SelfInspectionReport, report);
  await insertRows(manager, Problem, problems);

  const step = (p: Problem, action: ProblemTimelineAction, from: ProblemStatus | null, to: ProblemStatus, when: Date, extra: Partial<ProblemTimelineEntry> = {}) => ({
    problemId: p.id,
    action,
    fromStatus: from,
    toStatus: to,
    at: when,
    actorId: action === ProblemTimelineAction.REGISTER || action === ProblemTimelineAction.REQUEST_SIGN_OFF ? HANDLER.id : SUPERVISOR.id,
    actorName: action === ProblemTimelineAction.REGISTER || action === ProblemTimelineAction.REQUEST_SIGN_OFF ? HANDLER.name : SUPERVISOR.name,
    reason: null,
    evidence: null,
    evidenceFileRef: null,
    ...extra,
  });
  const { REGISTER, REQUEST_SIGN_OFF, APPROVE_SIGN_OFF, REJECT_SIGN_OFF } = ProblemTimelineAction;
  const { RECTIFYING, AWAITING_SIGN_OFF, SIGNED_OFF } = ProblemStatus;
  await insertRows(manager, ProblemTimelineEntry, [
    ...[done, pending, onTrack, red].map((p) => step(p, REGISTER, null, RECTIFYING, report.submittedAt)),
    step(finding, REGISTER, null, RECTIFYING, finding.createdAt, { actorId: SUPERVISOR.id, actorName: SUPERVISOR.name }),
    step(done, REQUEST_SIGN_OFF, RECTIFYING, AWAITING_SIGN_OFF, ago(22), { evidence: '已接入电子证照库，营业执照等4项材料免提交', evidenceFileRef: '整改佐证材料第1号' }),
    step(done, APPROVE_SIGN_OFF, AWAITING_SIGN_OFF, SIGNED_OFF, ago(21), { reason: '经抽查窗口办件，同意销号' }),
    step(pending, REQUEST_SIGN_OFF, RECTIFYING, AWAITING_SIGN_OFF, ago(1), { evidence: '告知清单已修订并公示' }),
    step(red, REQUEST_SIGN_OFF, RECTIFYING, AWAITING_SIGN_OFF, ago(8), { evidence: '已制定年度检查计划' }),
    step(red, REJECT_SIGN_OFF, AWAITING_SIGN_OFF, RECTIFYING, ago(6), { reason: '联合检查尚未实施，佐证材料不足' }),
  ]);

  // The red problem: a 催办 went unanswered, so a 督办单 followed.
  const orderedAt = ago(3);
  const orderDue = officialCalendar.addWorkingDays(orderedAt, 5);
  const supervision: Supervision = {
    id: stableId('demo:supervision:inspections'),
    targetKind: SupervisionTargetKind.PROBLEM,
    targetId: red.id,
    activeKey: `${SupervisionTargetKind.PROBLEM}:${red.id}`,
    title: red.title,
    unitId: MARKET,
    regionCode: red.regionCode,
    level: SupervisionLevel.ORDER,
    status: SupervisionStatus.AWAITING_RESPONSE,
    responseDueAt: orderDue.dueAt,
    stepIssuedAt: orderedAt,
    responseWorkingDays: 5,
    deadlineProvisional: orderDue.provisional,
    openedAt: ago(10),
    version: 2,
  };
  await manager.insert(Supervision, supervision);
  const supervisionStep = (fromLevel: SupervisionLevel | null, toLevel: SupervisionLevel, fromStatus: SupervisionStatus | null, when: Date, reason: string, due: Date) => ({
    supervisionId: supervision.id,
    action: SupervisionAction.ESCALATE,
    fromLevel,
    toLevel,
    fromStatus,
    toStatus: SupervisionStatus.AWAITING_RESPONSE,
    reason,
    skipReason: null,
    response: null,
    responseDueAt: due,
    bulletinId: null,
    actorId: SUPERVISOR.id,
    actorName: SUPERVISOR.name,
    at: when,
  });
  await insertRows(manager, SupervisionStep, [
    supervisionStep(null, SupervisionLevel.REMINDER, null, ago(10), '整改时限将至，请说明进展', officialCalendar.addWorkingDays(ago(10), 3).dueAt),
    supervisionStep(SupervisionLevel.REMINDER, SupervisionLevel.ORDER, SupervisionStatus.AWAITING_RESPONSE, orderedAt, '催办逾期未回复', orderDue.dueAt),
  ]);

  const bulletin: Bulletin = {
    id: stableId('demo:bulletin:1'),
    regionCode: '990100',
    campaignId: null,
    title: '关于全市优化营商环境问题整改情况的通报',
    content: '现将近期问题整改情况通报如下：对整改迅速、成效明显的单位予以表扬，对整改滞后的单位予以通报批评，请限期整改。',
    publishedById: SUPERVISOR.id,
    publishedByName: SUPERVISOR.name,
    publishedAt: ago(2),
  };
  await manager.insert(Bulletin, bulletin);
  await insertRows(manager, BulletinEntry, [
    { bulletinId: bulletin.id, unitId: MARKET, verdict: BulletinVerdict.CRITICISED, note: '涉企检查问题整改滞后，催办逾期未回复' },
    { bulletinId: bulletin.id, unitId: stableId(`${CHENGNAN.regionCode}-gov-data`), verdict: BulletinVerdict.COMMENDED, note: '推行“一件事一次办”成效明显' },
  ]);
  const talk: AdmonishingTalk = {
    id: stableId('demo:talk:chengnan-market'),
    unitId: stableId(`${CHENGNAN.regionCode}-market`),
    regionCode: CHENGNAN.regionCode,
    campaignId: stableId(`campaign:${CHENGNAN.key}`),
    personId: stableId('person:chengnan.market.director'),
    conductedById: stableId('person:chengnan.leader'),
    talkDate: shanghaiDate(ago(7)),
    reason: '问题整改进度滞后，阶段考评排名靠后',
    outcome: '局长表态两周内完成整改并书面报告',
    recordedById: SUPERVISOR.id,
    recordedByName: SUPERVISOR.name,
    recordedAt: ago(7),
  };
  await manager.insert(AdmonishingTalk, talk);
}
