import { now } from '@bizenv/common/clock';
import { inTransaction } from '@bizenv/common/data-source';
import { demoAccountPersonId, DEMO_UNITS } from '@bizenv/common/demo-city';
import { seededRandom } from '@bizenv/common/seeded-random';
import { stableId } from '@bizenv/common/stable-id';
import { officialCalendar, shanghaiDate, startOfShanghaiDay } from '@bizenv/common/working-days';
import type { DataSource, EntityManager } from 'typeorm';
import { CampaignPhase } from './campaign/campaign-phase.entity.js';
import { Campaign } from './campaign/campaign.entity.js';
import { CHENGNAN } from './demo-plans/chengnan.js';
import type { DemoPlan, DemoTask } from './demo-plans/demo-plan.js';
import { JIANGWAN_CITY } from './demo-plans/jiangwan-city.js';
import { LINJIANG } from './demo-plans/linjiang.js';
import { QINGSHAN } from './demo-plans/qingshan.js';
import { XINHU } from './demo-plans/xinhu.js';
import { seedOversight } from './oversight-seed.js';
import { ProgressReport } from './report/progress-report.entity.js';
import { reportObligations } from './report/report-obligations.js';
import { SpecialActionUnit } from './special-action/special-action-unit.entity.js';
import { SpecialAction } from './special-action/special-action.entity.js';
import { specialActionUnitRows } from './special-action/special-action.service.js';
import { DeadlineRule, parseDeadlinePhrase } from './task/deadline-rule.js';
import { TaskActual } from './task/task-actual.entity.js';
import { pacedTarget } from './task/task-actual.service.js';
import { newTaskRows, taskDraft } from './task/task-draft.js';
import { taskWarnAt } from './task/task-light.js';
import { behindFrom, paceValue, TargetDirection } from './task/task-pace.js';
import { TaskStatus } from './task/task-status.js';
import { SupervisedTaskUnit } from './task/task-unit.entity.js';
import { SupervisedTask } from './task/task.entity.js';

/** The five source plans, in the demo city: 江湾市 and four of its districts. */
export const DEMO_PLANS: readonly DemoPlan[] = [JIANGWAN_CITY, LINJIANG, CHENGNAN, XINHU, QINGSHAN];

const DAY_MS = 86_400_000;
type Random = ReturnType<typeof seededRandom>;

/** A plan's unit key as a unit id: "~gov-data" is its district's 政务服务数据管理局. */
function unitId(plan: DemoPlan, key: string): string {
  const full = key.startsWith('~') ? `${plan.regionCode}-${key.slice(1)}` : key;
  if (!DEMO_UNITS.some((unit) => unit.key === full)) throw new Error(`demo plan ${plan.key}: unknown unit ${full}`);
  return stableId(full);
}

const inYear = (year: string, text: string) => text.replaceAll('{Y}', year);

/** A day moved by whole months, kept within the month (10-31 one month back is 09-30). */
function shiftMonths(date: string, months: number): string {
  const [year, month, dayOfMonth] = date.split('-').map(Number);
  const last = new Date(Date.UTC(year, month - 1 + months + 1, 0));
  return new Date(Date.UTC(year, month - 1 + months, Math.min(dayOfMonth, last.getUTCDate()))).toISOString().slice(0, 10);
}

/**
 * The plans run from spring or summer to the year's end. So that the demo shows work well under
 * way whatever the date (some deadlines past, others ahead), a plan is moved by whole months
 * (fewest first, back before forward) until today lies at least 60% through it and 5 days before
 * its end; from about mid-October to mid-December none moves.
 */
function monthsMoved(plan: DemoPlan, year: string, today: string): number {
  const time = (date: string) => Date.parse(`${date}T00:00:00Z`);
  for (const months of [0, ...Array.from({ length: 12 }, (_, i) => [-(i + 1), i + 1]).flat()]) {
    const [start, end] = [time(shiftMonths(`${year}-${plan.startsOn}`, months)), time(shiftMonths(`${year}-${plan.endsOn}`, months))];
    if (time(today) >= start + 0.6 * (end - start) && time(today) <= end - 5 * DAY_MS) return months;
  }
  return 0;
}

/**
 * The five plans' campaigns, phases, special actions and tasks in the current year, with a
 * deterministic history up to now: most tasks past their deadline done (some late, some not at
 * all, hence red), actuals along or behind the pace line, and most progress reports filed (some
 * late, some missing).
 */
export async function seedTasks(dataSource: DataSource): Promise<void> {
  if ((await dataSource.getRepository(Campaign).count()) || (await dataSource.getRepository(SupervisedTask).count())) return;
  const random = seededRandom(2021);
  const at = now();
  const year = shanghaiDate(at).slice(0, 4);
  await inTransaction(dataSource, async (manager) => {
    for (const plan of DEMO_PLANS) await seedPlan(manager, plan, year, at, random);
    await seedOversight(manager, at);
  });
}

async function seedPlan(manager: EntityManager, plan: DemoPlan, year: string, at: Date, random: Random): Promise<void> {
  const months = monthsMoved(plan, year, shanghaiDate(at));
  const day = (monthDay: string) => shiftMonths(`${year}-${monthDay}`, months);
  const startYear = day(plan.startsOn).slice(0, 4);
  const campaign: Campaign = {
    id: stableId(`campaign:${plan.key}`),
    regionCode: plan.regionCode,
    title: inYear(startYear, plan.title),
    issuingBody: plan.issuingBody,
    year: Number(startYear),
    documentNumber: plan.documentNumber && inYear(startYear, plan.documentNumber),
    startsOn: day(plan.startsOn),
    endsOn: day(plan.endsOn),
    reportCadence: plan.cadence,
    createdAt: startOfShanghaiDay(day(plan.startsOn)),
    version: 1,
  };
  await manager.insert(Campaign, campaign);
  await manager.insert(
    CampaignPhase,
    plan.phases.map((phase, i) => ({
      id: stableId(`campaign:${plan.key}:phase:${i + 1}`),
      campaignId: campaign.id,
      position: i + 1,
      name: phase.name,
      startsOn: day(phase.startsOn),
      endsOn: day(phase.endsOn),
      milestones: (phase.milestones ?? []).map((m) => ({ on: day(m.on), title: m.title })),
    })),
  );
  const actionIds = plan.specialActions.map((_, i) => stableId(`special-action:${plan.key}:${i + 1}`));
  for (const [i, action] of plan.specialActions.entries()) {
    await manager.insert(SpecialAction, {
      id: actionIds[i],
      campaignId: campaign.id,
      regionCode: plan.regionCode,
      number: i + 1,
      title: action.title,
      leadLeaderId: action.leader ? demoAccountPersonId(action.leader) : null,
      overallUnitId: action.overall ? unitId(plan, action.overall) : null,
    });
    const units = specialActionUnitRows(actionIds[i], (action.lead ?? []).map((k) => unitId(plan, k)), (action.co ?? []).map((k) => unitId(plan, k)));
    if (units.length) await manager.insert(SpecialActionUnit, units);
  }
  let number = 0;
  for (const demo of plan.tasks) {
    number = demo.n ?? number + 1;
    await seedTask(manager, plan, campaign, demo, number, demo.action ? actionIds[demo.action - 1] : null, dueOf(demo.due, year, months), at, random);
  }
}

/** A plan's deadline in the demo year; moved with its plan, a period's end becomes that month's end. */
function dueOf(phrase: string, year: string, months: number): { rule: DeadlineRule; deadline: string } {
  const due = parseDeadlinePhrase(inYear(year, phrase));
  if (!due) throw new Error(`demo plan: unreadable deadline ${phrase}`);
  if (!months) return { rule: due.rule, deadline: shanghaiDate(due.deadline) };
  return { rule: due.rule === DeadlineRule.DATE ? DeadlineRule.DATE : DeadlineRule.END_OF_MONTH, deadline: shiftMonths(shanghaiDate(due.deadline), months) };
}

async function seedTask(
  manager: EntityManager,
  plan: DemoPlan,
  campaign: Campaign,
  demo: DemoTask,
  number: number,
  specialActionId: string | null,
  due: { rule: DeadlineRule; deadline: string },
  at: Date,
  random: Random,
): Promise<void> {
  const draft = taskDraft(
    stableId(`task:${plan.key}:${number}`),
    {
      number,
      title: demo.title,
      regionCode: demo.town ? `${plan.regionCode}${demo.town}` : plan.regionCode,
      leadUnitIds: demo.lead.map((k) => unitId(plan, k)),
      coUnitIds: (demo.co ?? []).map((k) => unitId(plan, k)),
      deadlineRule: due.rule,
      deadline: due.deadline,
      startsOn: campaign.startsOn,
      target: demo.target,
    },
    { campaign, specialActionId, at: startOfShanghaiDay(campaign.startsOn) },
  );
  // An empty database: no year was loaded yet, the packaged calendar is the subgraph's.
  const { task, units } = newTaskRows(draft, officialCalendar);
  // Past its deadline most are done, some late and some not at all (red); ahead of it, a few early.
  const past = task.deadline < at;
  if (random.next() < (past ? 0.72 : 0.12)) {
    const start = task.startsAt!.getTime();
    const end = past ? task.deadline.getTime() : at.getTime();
    const late = past && random.next() < 0.2;
    const completedAt = late ? new Date(Math.min(at.getTime() - DAY_MS, end + random.next() * 20 * DAY_MS)) : new Date(start + (0.5 + random.next() * 0.5) * (end - start));
    Object.assign(task, { status: TaskStatus.DONE, completedAt, version: 2 });
  }
  const actuals = seedActuals(task, at, random);
  const latest = actuals.at(-1)?.value ?? null;
  const paced = pacedTarget(task);
  if (paced && latest !== null) {
    task.latestActual = latest;
    task.behindAt = behindFrom(paced, latest);
    task.warnAt = taskWarnAt(task.deadline, task.behindAt, officialCalendar);
  }
  await manager.insert(SupervisedTask, { ...task, units: undefined });
  await manager.insert(SupervisedTaskUnit, units);
  if (actuals.length) await manager.insert(TaskActual, actuals);
  const reports = reportObligations(task, draft.leadUnitIds, campaign, (unit, period) => stableId(`report:${task.id}:${unit}:${period.key}`))
    // A done task owes no reports after its completion.
    .filter((report) => !task.completedAt || report.dueAt <= task.completedAt);
  for (const report of reports) fileSeedReport(report, at, random);
  for (let i = 0; i < reports.length; i += 200) await manager.insert(ProgressReport, reports.slice(i, i + 200));
}

/** Month-end readings of a target since the task started: near the pace line, some short of it. */
function seedActuals(task: SupervisedTask, at: Date, random: Random): TaskActual[] {
  const paced = pacedTarget(task);
  if (!paced) return [];
  const end = task.completedAt ?? at;
  const readings: TaskActual[] = [];
  const stride = 1 + Math.floor(random.next() * 3);
  const start = new Date(paced.startsAt.getTime() + 8 * 3600_000);
  for (let month = 1; ; month += stride) {
    const measured = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + month, 0));
    if (measured.getTime() - 8 * 3600_000 > end.getTime()) break;
    const measuredOn = measured.toISOString().slice(0, 10);
    const expected = paceValue(paced, startOfShanghaiDay(measuredOn));
    const spread = paced.direction === TargetDirection.UP ? 1 : -1;
    const value =
      expected === null
        ? paced.target * (1 - spread * (random.next() * 0.4 - 0.1))
        : expected + spread * (random.next() - 0.45) * Math.abs(paced.target - (paced.baseline ?? 0)) * 0.3;
    // Until it is done, a task has not reached its target.
    const short = paced.direction === TargetDirection.UP ? Math.min(value, paced.target * 0.98) : Math.max(value, paced.target * 1.02);
    readings.push(actual(task, readings.length, measuredOn, Math.round(short * 10) / 10));
  }
  if (task.status === TaskStatus.DONE) readings.push(actual(task, readings.length, shanghaiDate(task.completedAt!), paced.target));
  return readings;
}

function actual(task: SupervisedTask, index: number, measuredOn: string, value: number): TaskActual {
  return {
    id: stableId(`actual:${task.id}:${index}`),
    taskId: task.id,
    measuredOn,
    value,
    note: null,
    reporterId: 'demo-seed',
    reporterName: '牵头单位填报人',
    reporterUnitId: task.leadUnitId,
    // Filed the next morning, in the order measured.
    reportedAt: new Date(startOfShanghaiDay(measuredOn).getTime() + DAY_MS + 9 * 3600_000 + index * 60_000),
  };
}

/** Most reports due by now were filed, a few late; the rest are missing. */
function fileSeedReport(report: ProgressReport, at: Date, random: Random): void {
  if (report.dueAt >= at || random.next() < 0.15) return;
  const late = random.next() < 0.1;
  const offset = late ? 1 + random.next() * 9 : -(random.next() * 4);
  const submittedAt = new Date(Math.min(report.dueAt.getTime() + offset * DAY_MS, at.getTime() - 3600_000));
  Object.assign(report, { submittedAt, content: '本期按方案推进，阶段任务已完成，下一步持续跟踪。', submitterId: 'demo-seed', submitterName: '牵头单位联络员' });
}
