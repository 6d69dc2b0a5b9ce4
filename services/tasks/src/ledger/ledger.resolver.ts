import type { SubgraphContext } from '@bizenv/common/subgraph-server';
import { now } from '@bizenv/common/clock';
import { Light, lightOf } from '@bizenv/common/lights';
import { SpreadsheetFormat } from '@bizenv/common/spreadsheet';
import { PageArgs, type Page } from '@bizenv/common/connection';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Person } from '../person/person.js';
import { Region } from '../region/region.js';
import { TaskExport, UnitNameInput } from '../task/task-sheet-types.js';
import { Unit } from '../unit/unit.js';
import { ActOnProblemInput, RectificationLedgerFilter, RegisterProblemInput } from './ledger-inputs.js';
import { MAX_EXPORT_ROWS, type LedgerService } from './ledger.service.js';
import { ProblemStatus } from './problem-enums.js';
import { ProblemConnection } from './problem-connection.js';
import { ProblemTimelineEntry } from './problem-timeline-entry.entity.js';
import { Problem } from './problem.entity.js';
import { SelfInspectionReport } from './self-inspection-report.entity.js';

export interface LedgerContext extends SubgraphContext {
  ledger: LedgerService;
}

@Resolver(() => Problem)
export class ProblemResolver {
  @Query(() => Problem, { nullable: true, description: '一个问题（单位承办人只能看本单位的）' })
  problem(@Arg('id', () => ID) id: string, @Ctx() ctx: LedgerContext): Promise<Problem> {
    return ctx.ledger.get(ctx.caller, id);
  }

  @Query(() => ProblemConnection, { description: '整改台账：问题分页列表，按整改时限先后；总数只计本账号可见的问题' })
  rectificationLedger(
    @Arg('filter', () => RectificationLedgerFilter, { nullable: true }) filter: RectificationLedgerFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: LedgerContext,
  ): Promise<Page<Problem>> {
    return ctx.ledger.ledger(ctx.caller, filter ?? {}, page);
  }

  @Query(() => TaskExport, { description: `按整改台账的筛选条件和可见范围导出问题清单（含原因、措施、责任人、时限与整改状态）；至多 ${MAX_EXPORT_ROWS} 项` })
  exportRectificationLedger(
    @Arg('filter', () => RectificationLedgerFilter, { nullable: true }) filter: RectificationLedgerFilter | null,
    @Arg('units', () => [UnitNameInput], { nullable: true, description: '单位名称对照：写出单位名称；不在对照中的单位写出编号' }) units: UnitNameInput[] | null,
    @Arg('format', () => SpreadsheetFormat, { defaultValue: SpreadsheetFormat.XLSX }) format: SpreadsheetFormat,
    @Ctx() ctx: LedgerContext,
  ): Promise<TaskExport> {
    return ctx.ledger.exportLedger(ctx.caller, filter ?? {}, format, units ?? []);
  }

  @Mutation(() => Problem, { description: '登记投诉举报、明察暗访、督查检查等发现的问题（督办人员）' })
  registerProblem(@Arg('input', () => RegisterProblemInput) input: RegisterProblemInput, @Ctx() ctx: LedgerContext): Promise<Problem> {
    return ctx.ledger.registerProblem(ctx.caller, input);
  }

  @Mutation(() => Problem, { description: '销号操作：整改完成申请、审核销号、退回整改' })
  actOnProblem(@Arg('input', () => ActOnProblemInput) input: ActOnProblemInput, @Ctx() ctx: LedgerContext): Promise<Problem> {
    return ctx.ledger.act(ctx.caller, input);
  }

  @FieldResolver(() => [ProblemTimelineEntry], { description: '整改记录，按时间先后' })
  timeline(@Root() problem: Problem, @Ctx() ctx: LedgerContext): Promise<ProblemTimelineEntry[]> {
    return ctx.ledger.timeline(ctx.caller, problem);
  }

  @FieldResolver(() => SelfInspectionReport, { nullable: true, description: '列出该问题的自查报告' })
  report(@Root() problem: Problem, @Ctx() ctx: LedgerContext): Promise<SelfInspectionReport> | null {
    return problem.reportId ? ctx.ledger.getReport(ctx.caller, problem.reportId) : null;
  }

  @FieldResolver(() => Unit, { description: '责任单位' })
  responsibleUnit(@Root() problem: Problem): Unit {
    return { id: problem.responsibleUnitId };
  }

  @FieldResolver(() => Person, { nullable: true, description: '责任人' })
  responsiblePerson(@Root() problem: Problem): Person | null {
    return problem.responsiblePersonId ? { id: problem.responsiblePersonId } : null;
  }

  @FieldResolver(() => Region)
  region(@Root() problem: Problem): Region {
    return { code: problem.regionCode };
  }

  @FieldResolver(() => Boolean, { description: '未销号且已过整改时限' })
  overdue(@Root() problem: Problem): boolean {
    return problem.status !== ProblemStatus.SIGNED_OFF && problem.timeLimit < now();
  }

  @FieldResolver(() => Light, { nullable: true, description: '亮灯：红灯超期，黄灯临近时限（时限前一个工作日起），绿灯按期整改中；已销号为空' })
  light(@Root() problem: Problem): Light | null {
    return problem.status === ProblemStatus.SIGNED_OFF ? null : lightOf({ dueAt: problem.timeLimit, yellowAt: problem.yellowAt });
  }
}
