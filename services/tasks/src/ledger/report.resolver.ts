import { PageArgs, type Page } from '@bizenv/common/connection';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Region } from '../region/region.js';
import { Unit } from '../unit/unit.js';
import { SelfInspectionReportFilter, SubmitSelfInspectionReportInput } from './ledger-inputs.js';
import type { LedgerContext } from './ledger.resolver.js';
import { SelfInspectionReportConnection } from './problem-connection.js';
import { Problem } from './problem.entity.js';
import { SelfInspectionReport } from './self-inspection-report.entity.js';

@Resolver(() => SelfInspectionReport)
export class SelfInspectionReportResolver {
  @Query(() => SelfInspectionReport, { nullable: true })
  selfInspectionReport(@Arg('id', () => ID) id: string, @Ctx() ctx: LedgerContext): Promise<SelfInspectionReport> {
    return ctx.ledger.getReport(ctx.caller, id);
  }

  @Query(() => SelfInspectionReportConnection, { description: '自查报告分页列表，按提交时间由新到旧' })
  selfInspectionReports(
    @Arg('filter', () => SelfInspectionReportFilter, { nullable: true }) filter: SelfInspectionReportFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: LedgerContext,
  ): Promise<Page<SelfInspectionReport>> {
    return ctx.ledger.reports(ctx.caller, filter ?? {}, page);
  }

  @Mutation(() => SelfInspectionReport, { description: '提交一报告四清单（本单位承办人或督办人员）；任一问题不合格则全部不保存' })
  submitSelfInspectionReport(
    @Arg('input', () => SubmitSelfInspectionReportInput) input: SubmitSelfInspectionReportInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<SelfInspectionReport> {
    return ctx.ledger.submitReport(ctx.caller, input);
  }

  @FieldResolver(() => [Problem], { description: '问题清单；每个问题带原因、措施、责任人和时限（即责任、措施、时限清单）' })
  problems(@Root() report: SelfInspectionReport, @Ctx() ctx: LedgerContext): Promise<Problem[]> {
    return ctx.ledger.reportProblems(ctx.caller, report);
  }

  @FieldResolver(() => Unit, { description: '自查单位' })
  unit(@Root() report: SelfInspectionReport): Unit {
    return { id: report.unitId };
  }

  @FieldResolver(() => Region)
  region(@Root() report: SelfInspectionReport): Region {
    return { code: report.regionCode };
  }
}
