import type { SubgraphContext } from '@bizenv/common/subgraph-server';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { SpreadsheetFormat } from '@bizenv/common/spreadsheet';
import { Region } from '../region/region.js';
import { TaskExport, UnitNameInput } from '../task/task-sheet-types.js';
import { Unit } from '../unit/unit.js';
import { EvaluationScope, MarkFocusUnitInput } from './evaluation-inputs.js';
import { UnitEvaluationReport, UnitLightsHistory } from './evaluation-types.js';
import type { EvaluationService } from './evaluation.service.js';
import { FocusUnit } from './focus-unit.entity.js';

export interface EvaluationContext extends SubgraphContext {
  evaluation: EvaluationService;
}

@Resolver()
export class EvaluationResolver {
  @Query(() => UnitEvaluationReport, { description: '考评排名：各单位按期完成率、完成率，按工作量修正后排名；整治重点单位不能评一、二等奖' })
  unitEvaluations(@Arg('scope', () => EvaluationScope, { nullable: true }) scope: EvaluationScope | null, @Ctx() ctx: EvaluationContext): Promise<UnitEvaluationReport> {
    return ctx.evaluation.rank(ctx.caller, scope ?? {});
  }

  @Query(() => TaskExport, { description: '导出考评排名（范围与 unitEvaluations 相同）' })
  exportUnitEvaluations(
    @Arg('scope', () => EvaluationScope, { nullable: true }) scope: EvaluationScope | null,
    @Arg('units', () => [UnitNameInput], { nullable: true, description: '单位名称对照：写出单位名称；不在对照中的单位写出编号' }) units: UnitNameInput[] | null,
    @Arg('format', () => SpreadsheetFormat, { defaultValue: SpreadsheetFormat.XLSX }) format: SpreadsheetFormat,
    @Ctx() ctx: EvaluationContext,
  ): Promise<TaskExport> {
    return ctx.evaluation.exportRanking(ctx.caller, scope ?? {}, format, units ?? []);
  }

  @Query(() => [UnitLightsHistory], { description: '亮灯历史：各单位每日红黄绿灯数（由事项的登记、期限和完成时间推算）' })
  lightsHistory(
    @Arg('from', () => String, { description: '开始日期，如 2026-07-01' }) from: string,
    @Arg('to', () => String, { description: '结束日期（含），不晚于今天；至多366天' }) to: string,
    @Arg('scope', () => EvaluationScope, { nullable: true }) scope: EvaluationScope | null,
    @Arg('unitId', () => ID, { nullable: true, description: '只看一个单位' }) unitId: string | null,
    @Ctx() ctx: EvaluationContext,
  ): Promise<UnitLightsHistory[]> {
    return ctx.evaluation.lightsHistory(ctx.caller, scope ?? {}, from, to, unitId ?? null);
  }

  @Query(() => [FocusUnit], { description: '列为整治重点的单位' })
  focusUnits(@Arg('scope', () => EvaluationScope, { nullable: true }) scope: EvaluationScope | null, @Ctx() ctx: EvaluationContext): Promise<FocusUnit[]> {
    return ctx.evaluation.listFocus(ctx.caller, scope ?? {});
  }

  @Mutation(() => FocusUnit, { description: '将单位列为活动方案的整治重点（督办人员）' })
  markFocusUnit(@Arg('input', () => MarkFocusUnitInput) input: MarkFocusUnitInput, @Ctx() ctx: EvaluationContext): Promise<FocusUnit> {
    return ctx.evaluation.markFocus(ctx.caller, input);
  }

  @Mutation(() => Boolean, { description: '撤销整治重点（更正用）；该单位原本不在名单上时返回 false' })
  unmarkFocusUnit(@Arg('campaignId', () => ID) campaignId: string, @Arg('unitId', () => ID) unitId: string, @Ctx() ctx: EvaluationContext): Promise<boolean> {
    return ctx.evaluation.unmarkFocus(ctx.caller, campaignId, unitId);
  }
}

@Resolver(() => FocusUnit)
export class FocusUnitResolver {
  @FieldResolver(() => Unit)
  unit(@Root() flag: FocusUnit): Unit {
    return { id: flag.unitId };
  }

  @FieldResolver(() => Region)
  region(@Root() flag: FocusUnit): Region {
    return { code: flag.regionCode };
  }
}
