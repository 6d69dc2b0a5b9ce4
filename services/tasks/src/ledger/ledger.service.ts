import { randomUUID } from 'node:crypto';
import { Permission, requireItem, requireListScope, requirePermission, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { paginate, type Page, type PageArgs, type SortKey } from '@bizenv/common/connection';
import type { DeadlineSource } from '@bizenv/common/deadline-watcher';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { insertRows } from '@bizenv/common/insert-rows';
import { Light } from '@bizenv/common/lights';
import type { Outbox } from '@bizenv/common/outbox';
import { subtreePrefix } from '@bizenv/common/region-code';
import { sheetFile } from '@bizenv/common/sheet-file';
import { writeSheet, type SpreadsheetFormat } from '@bizenv/common/spreadsheet';
import { stepFields, type StepFieldSpec } from '@bizenv/common/step-fields';
import { requireRegionCode, requireText, requireUuid } from '@bizenv/common/validate';
import type { WorkingCalendar } from '@bizenv/common/working-days';
import { In, type DataSource, type SelectQueryBuilder } from 'typeorm';
import type { TaskExport, UnitNameInput } from '../task/task-sheet-types.js';
import type {
  ActOnProblemInput,
  RectificationLedgerFilter,
  RegisterProblemInput,
  SelfInspectionReportFilter,
  SubmitSelfInspectionReportInput,
} from './ledger-inputs.js';
import { requireCampaign } from './campaign-ref.js';
import { LEDGER_COLUMNS, ledgerRow } from './ledger-sheet.js';
import { ProblemSource, ProblemStatus, ProblemTimelineAction } from './problem-enums.js';
import { optionalText, optionalUuid, problemText } from './problem-fields.js';
import { readProblemTimeline, recordProblemSteps } from './problem-timeline.js';
import type { ProblemStats } from './problem-stats.js';
import type { ProblemTimelineEntry } from './problem-timeline-entry.entity.js';
import { PROBLEM_TRANSITIONS, type ProblemActionField } from './problem-transitions.js';
import { Problem } from './problem.entity.js';
import { SelfInspectionReport } from './self-inspection-report.entity.js';
import { requireOwnUnit, requireUnitActor } from './unit-actor.js';

const MAX_REPORT_PROBLEMS = 500;
export const MAX_EXPORT_ROWS = 10_000;
const LEDGER_ORDER: SortKey<Problem>[] = [
  { column: 'p.timeLimit', property: 'timeLimit' },
  { column: 'p.id', property: 'id' },
];
export const OPEN_PROBLEM = [ProblemStatus.RECTIFYING, ProblemStatus.AWAITING_SIGN_OFF];

const STEP_FIELDS: Record<ProblemActionField, StepFieldSpec> = {
  evidence: { label: '佐证说明', check: (value, field) => requireText(value, field, '佐证说明', 2000) },
  evidenceFileRef: { label: '佐证材料', check: (value, field) => requireText(value, field, '佐证材料', 500) },
  reason: { label: '理由', check: (value, field) => requireText(value, field, '理由', 500) },
};

/** An open problem's light in SQL, the same rule as `lightOf`: red past the time limit, yellow from `yellowAt`. */
const LIGHT_CONDITIONS: Record<Light, string> = {
  [Light.RED]: '(p.status IN (:...open) AND p.timeLimit < :now)',
  [Light.YELLOW]: '(p.status IN (:...open) AND p.timeLimit >= :now AND p.yellowAt <= :now)',
  [Light.GREEN]: '(p.status IN (:...open) AND p.yellowAt > :now)',
};

/** 一报告四清单 and the rectification ledger (整改台账) with its sign-off (销号). */
export class LedgerService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    /** This subgraph's working calendar, with the years loaded at run time. */
    private readonly calendar: WorkingCalendar,
  ) {}

  /** 提交一报告四清单: the report and all its problems, or nothing. */
  async submitReport(caller: Caller | null, input: SubmitSelfInspectionReportInput): Promise<SelfInspectionReport> {
    requireRegionCode(input.regionCode);
    requireUuid(input.unitId, 'unitId', '自查单位');
    const actor = requireUnitActor(caller, input.regionCode, input.unitId);
    if (input.problems.length > MAX_REPORT_PROBLEMS) {
      throw new DomainError(ErrorCode.BadUserInput, `一份自查报告至多${MAX_REPORT_PROBLEMS}个问题`, { field: 'problems' });
    }
    const at = now();
    const report: SelfInspectionReport = {
      id: randomUUID(),
      campaignId: input.campaignId,
      unitId: input.unitId,
      regionCode: input.regionCode,
      title: requireText(input.title, 'title', '报告标题', 200),
      content: requireText(input.content, 'content', '自查情况', 20000),
      submittedById: actor.id,
      submittedByName: [...actor.name].slice(0, 100).join(''),
      submittedAt: at,
    };
    await requireCampaign(this.dataSource.manager, input.campaignId, input.regionCode);
    const problems: Problem[] = input.problems.map((problem, i) => ({
      ...problemText(problem, this.calendar, `problems[${i}].`),
      id: randomUUID(),
      reportId: report.id,
      campaignId: report.campaignId,
      source: ProblemSource.SELF_INSPECTION,
      sourceRef: null,
      responsibleUnitId: report.unitId,
      responsiblePersonId: requireUuid(problem.responsiblePersonId, `problems[${i}].responsiblePersonId`, '责任人'),
      regionCode: report.regionCode,
      ...openState(at),
    }));
    await this.outbox.write(async (manager, record) => {
      await manager.insert(SelfInspectionReport, report);
      await insertRows(manager, Problem, problems);
      await recordProblemSteps(manager, actor, problems.map((p) => registered(p.id, at)));
      record({ topic: 'report.submitted', regionCode: report.regionCode, payload: { id: report.id, title: report.title, unitId: report.unitId, problems: problems.length } });
    });
    return report;
  }

  /** A problem from a complaint, an inspection or a supervision check, registered by a supervisor. */
  async registerProblem(caller: Caller | null, input: RegisterProblemInput): Promise<Problem> {
    requireRegionCode(input.regionCode);
    const actor = requirePermission(caller, Permission.TASK_WRITE, input.regionCode);
    if (input.source === ProblemSource.SELF_INSPECTION) {
      throw new DomainError(ErrorCode.BadUserInput, '自查问题请随自查报告（一报告四清单）提交', { field: 'source' });
    }
    const at = now();
    const problem: Problem = {
      ...problemText(input, this.calendar),
      id: randomUUID(),
      reportId: null,
      campaignId: input.campaignId ?? null,
      source: input.source,
      sourceRef: optionalText(input.sourceRef, 'sourceRef', '来源编号', 100),
      responsibleUnitId: requireUuid(input.responsibleUnitId, 'responsibleUnitId', '责任单位'),
      responsiblePersonId: optionalUuid(input.responsiblePersonId, 'responsiblePersonId', '责任人'),
      regionCode: input.regionCode,
      ...openState(at),
    };
    if (problem.campaignId) await requireCampaign(this.dataSource.manager, problem.campaignId, problem.regionCode);
    await this.outbox.write(async (manager, record) => {
      await manager.insert(Problem, problem);
      await recordProblemSteps(manager, actor, [registered(problem.id, at)]);
      record({ topic: 'problem.registered', regionCode: problem.regionCode, payload: eventPayload(problem) });
    });
    return problem;
  }

  /**
   * One sign-off step as the transition table says, with a conditional update on
   * (id, version, status): of two concurrent actors exactly one wins; the other gets CONFLICT.
   */
  async act(caller: Caller | null, input: ActOnProblemInput): Promise<Problem> {
    const rule = PROBLEM_TRANSITIONS[input.action];
    if (!rule) throw new DomainError(ErrorCode.BadUserInput, '未知的操作', { field: 'action' });
    const fields = stepFields(STEP_FIELDS, rule, input);
    requirePermission(caller, rule.permission);
    const current = await this.load(input.id);
    const actor = requirePermission(caller, rule.permission, current.regionCode);
    if (rule.ownUnit) requireOwnUnit(actor, current.responsibleUnitId);
    if (current.version !== input.expectedVersion) {
      throw new DomainError(ErrorCode.Conflict, '该问题已被他人修改，请刷新后重试', { id: current.id, version: current.version });
    }
    if (!rule.from.includes(current.status)) {
      throw new DomainError(ErrorCode.InvalidTransition, '当前状态不能执行该操作', { status: current.status, action: input.action });
    }
    if (rule.notByRequester && (await this.lastRequester(current.id)) === actor.id) {
      throw new DomainError(ErrorCode.Forbidden, '销号审核须由申请人以外的人员进行');
    }
    const at = now();
    const changes: Partial<Problem> = { status: rule.to, version: current.version + 1 };
    if (rule.to === ProblemStatus.AWAITING_SIGN_OFF) changes.signOffRequestedAt = at;
    if (rule.to === ProblemStatus.RECTIFYING) changes.signOffRequestedAt = null;
    if (rule.to === ProblemStatus.SIGNED_OFF) changes.closedAt = at;
    return this.outbox.write(async (manager, record) => {
      const result = await manager
        .createQueryBuilder()
        .update(Problem)
        .set(changes)
        .where('id = :id AND version = :version AND status IN (:...from)', { id: current.id, version: current.version, from: rule.from })
        .execute();
      if (result.affected !== 1) throw new DomainError(ErrorCode.Conflict, '该问题已被他人修改，请刷新后重试', { id: current.id });
      const updated = await manager.findOneByOrFail(Problem, { id: current.id });
      await recordProblemSteps(manager, actor, [{ problemId: updated.id, action: input.action, fromStatus: current.status, toStatus: updated.status, at, ...fields }]);
      // Never the evidence or a reason: events reach every screen of the region.
      record({ topic: `problem.${input.action.toLowerCase()}`, regionCode: updated.regionCode, payload: eventPayload(updated) });
      return updated;
    });
  }

  /** One problem; a unit operator sees only their unit's. */
  async get(caller: Caller | null, id: string): Promise<Problem> {
    requirePermission(caller, Permission.TASK_READ);
    const problem = await this.load(id);
    requireItem(caller, Permission.TASK_READ, { regionCode: problem.regionCode, unitId: problem.responsibleUnitId });
    return problem;
  }

  async getReport(caller: Caller | null, id: string): Promise<SelfInspectionReport> {
    requirePermission(caller, Permission.TASK_READ);
    const report = await this.dataSource.getRepository(SelfInspectionReport).findOneBy({ id });
    if (!report) throw new DomainError(ErrorCode.NotFound, '未找到该自查报告', { id });
    requireItem(caller, Permission.TASK_READ, report);
    return report;
  }

  /** 整改台账: soonest time limit first; filtered to what the caller may see before counting. */
  ledger(caller: Caller | null, filter: RectificationLedgerFilter, page: PageArgs): Promise<Page<Problem>> {
    return paginate(this.ledgerQuery(caller, filter), LEDGER_ORDER, page);
  }

  /** The whole ledger as filtered, in its order, or BAD_USER_INPUT when it holds more than `max` rows. */
  private async ledgerRows(caller: Caller | null, filter: RectificationLedgerFilter, max: number): Promise<Problem[]> {
    const query = this.ledgerQuery(caller, filter).limit(max + 1);
    for (const key of LEDGER_ORDER) query.addOrderBy(key.column, key.direction ?? 'ASC');
    const rows = await query.getMany();
    if (rows.length > max) {
      throw new DomainError(ErrorCode.BadUserInput, `导出结果超过${max}条，请缩小筛选范围（如按区域、单位或状态）后分批导出`, { field: 'filter', max });
    }
    return rows;
  }

  /** The caller's scope and the filter over `rectification_problem p`. */
  private ledgerQuery(caller: Caller | null, filter: RectificationLedgerFilter): SelectQueryBuilder<Problem> {
    if (filter.regionCode != null) requireRegionCode(filter.regionCode, 'filter.regionCode');
    if (filter.unitId != null) requireUuid(filter.unitId, 'filter.unitId', '责任单位');
    if (filter.campaignId != null) requireUuid(filter.campaignId, 'filter.campaignId', '活动方案');
    if (filter.reportId != null) requireUuid(filter.reportId, 'filter.reportId', '自查报告');
    const scope = requireListScope(caller, Permission.TASK_READ, filter.regionCode);
    const query = this.problems(scope.regionCode);
    if (scope.unitId) query.andWhere('p.responsibleUnitId = :ownUnit', { ownUnit: scope.unitId });
    if (filter.unitId != null) query.andWhere('p.responsibleUnitId = :unitId', { unitId: filter.unitId });
    if (filter.status != null) query.andWhere('p.status = :status', { status: filter.status });
    if (filter.campaignId != null) query.andWhere('p.campaignId = :campaignId', { campaignId: filter.campaignId });
    if (filter.reportId != null) query.andWhere('p.reportId = :reportId', { reportId: filter.reportId });
    if (filter.source != null) query.andWhere('p.source = :source', { source: filter.source });
    if (filter.light != null) query.andWhere(LIGHT_CONDITIONS[filter.light], { open: OPEN_PROBLEM, now: now() });
    return query;
  }

  /** 导出整改台账: the ledger as filtered (same scope and order) as a sheet. */
  async exportLedger(caller: Caller | null, filter: RectificationLedgerFilter, format: SpreadsheetFormat, units: readonly UnitNameInput[]): Promise<TaskExport> {
    const problems = await this.ledgerRows(caller, filter, MAX_EXPORT_ROWS);
    const names = new Map(units.map((unit) => [unit.id, unit.name]));
    const at = now();
    const data = await writeSheet(format, '整改台账', LEDGER_COLUMNS, problems.map((problem) => ledgerRow(problem, names, at)));
    return sheetFile('整改台账', format, data, problems.length, at);
  }

  /** Reports, newest first. */
  reports(caller: Caller | null, filter: SelfInspectionReportFilter, page: PageArgs): Promise<Page<SelfInspectionReport>> {
    if (filter.regionCode != null) requireRegionCode(filter.regionCode, 'filter.regionCode');
    if (filter.unitId != null) requireUuid(filter.unitId, 'filter.unitId', '自查单位');
    if (filter.campaignId != null) requireUuid(filter.campaignId, 'filter.campaignId', '活动方案');
    const scope = requireListScope(caller, Permission.TASK_READ, filter.regionCode);
    const query = this.dataSource
      .getRepository(SelfInspectionReport)
      .createQueryBuilder('r')
      .where('r.regionCode LIKE :prefix', { prefix: `${subtreePrefix(scope.regionCode)}%` });
    if (scope.unitId) query.andWhere('r.unitId = :ownUnit', { ownUnit: scope.unitId });
    if (filter.unitId != null) query.andWhere('r.unitId = :unitId', { unitId: filter.unitId });
    if (filter.campaignId != null) query.andWhere('r.campaignId = :campaignId', { campaignId: filter.campaignId });
    return paginate(
      query,
      [
        { column: 'r.submittedAt', property: 'submittedAt', direction: 'DESC' },
        { column: 'r.id', property: 'id', direction: 'DESC' },
      ],
      page,
    );
  }

  /** The problems of a report the caller may read, in the order of its time list. */
  reportProblems(caller: Caller | null, report: SelfInspectionReport): Promise<Problem[]> {
    requireItem(caller, Permission.TASK_READ, report);
    return this.dataSource.getRepository(Problem).find({ where: { reportId: report.id }, order: { timeLimit: 'ASC', id: 'ASC' } });
  }

  /** 整改记录, oldest first; visible to whoever may see the problem. */
  timeline(caller: Caller | null, problem: Problem): Promise<ProblemTimelineEntry[]> {
    requireItem(caller, Permission.TASK_READ, { regionCode: problem.regionCode, unitId: problem.responsibleUnitId });
    return readProblemTimeline(this.dataSource.manager, problem.id);
  }

  /** Problem counts of a region's subtree, optionally of one unit (statistics: `stats:read` within the region). */
  async stats(caller: Caller | null, regionCode: string, unitId?: string): Promise<ProblemStats> {
    // Shape first: "9901020000" lies within "990102" by prefix but its subtree is the province.
    requireRegionCode(regionCode, 'code');
    requirePermission(caller, Permission.STATS_READ, regionCode);
    // One unit's counts are its row of the ranking: a unit operator may see only their own.
    if (unitId !== undefined) requireItem(caller, Permission.STATS_READ, { regionCode, unitId });
    const query = this.problems(regionCode);
    if (unitId) query.andWhere('p.responsibleUnitId = :unitId', { unitId });
    const rows: { status: ProblemStatus; light: Light | 'NONE'; count: string | number }[] = await query
      .select('p.status', 'status')
      .addSelect(
        `CASE WHEN p.status NOT IN (:...open) THEN 'NONE' WHEN p.timeLimit < :now THEN 'RED' WHEN p.yellowAt <= :now THEN 'YELLOW' ELSE 'GREEN' END`,
        'light',
      )
      .addSelect('COUNT(*)', 'count')
      .setParameters({ open: OPEN_PROBLEM, now: now() })
      .groupBy('status')
      .addGroupBy('light')
      .getRawMany();
    const sum = (keep: (row: (typeof rows)[number]) => boolean) => rows.filter(keep).reduce((total, row) => total + Number(row.count), 0);
    return {
      open: sum((row) => row.light !== 'NONE'),
      closed: sum((row) => row.status === ProblemStatus.SIGNED_OFF),
      awaitingSignOff: sum((row) => row.status === ProblemStatus.AWAITING_SIGN_OFF),
      overdue: sum((row) => row.light === Light.RED),
      red: sum((row) => row.light === Light.RED),
      yellow: sum((row) => row.light === Light.YELLOW),
      green: sum((row) => row.light === Light.GREEN),
    };
  }

  private problems(regionCode: string): SelectQueryBuilder<Problem> {
    return this.dataSource
      .getRepository(Problem)
      .createQueryBuilder('p')
      .where('p.regionCode LIKE :prefix', { prefix: `${subtreePrefix(regionCode)}%` });
  }

  private async lastRequester(problemId: string): Promise<string | undefined> {
    const timeline = await readProblemTimeline(this.dataSource.manager, problemId);
    return timeline.filter((step) => step.action === ProblemTimelineAction.REQUEST_SIGN_OFF).at(-1)?.actorId;
  }

  private async load(id: string): Promise<Problem> {
    const problem = await this.dataSource.getRepository(Problem).findOneBy({ id });
    if (!problem) throw new DomainError(ErrorCode.NotFound, '未找到该问题', { id });
    return problem;
  }

  /** Open problems whose time limit passes (red), or whose yellow time comes: the screen's counts change then. */
  readonly deadlines: DeadlineSource<Problem>[] = [
    { name: 'problem', topic: 'problem.overdue', entity: Problem, dueColumn: 'timeLimit', open: { status: In(OPEN_PROBLEM) } },
    { name: 'problem-yellow', topic: 'problem.yellow', entity: Problem, dueColumn: 'yellowAt', open: { status: In(OPEN_PROBLEM) } },
  ];
}

function openState(at: Date) {
  return { status: ProblemStatus.RECTIFYING, signOffRequestedAt: null, closedAt: null, createdAt: at, version: 1 };
}

function registered(problemId: string, at: Date) {
  return { problemId, action: ProblemTimelineAction.REGISTER, fromStatus: null, toStatus: ProblemStatus.RECTIFYING, at };
}

function eventPayload(problem: Problem) {
  return { id: problem.id, title: problem.title, status: problem.status, unitId: problem.responsibleUnitId };
}
