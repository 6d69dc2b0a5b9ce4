import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { EnterpriseServiceContext } from '../context.js';
import { ProjectStageCount, ServiceStats } from './service-stats.js';

/** The counts of `ServiceStats` beyond the screen's three, each counted only when asked for. */
@Resolver(() => ServiceStats)
export class ServiceStatsResolver {
  @FieldResolver(() => Int, { description: '重点企业数' })
  keyEnterprises(@Root() stats: ServiceStats, @Ctx() ctx: EnterpriseServiceContext): Promise<number> {
    return ctx.serviceStats.flagged(stats, 'isKey');
  }

  @FieldResolver(() => Int, { description: '营商环境监测点企业数' })
  monitoringPoints(@Root() stats: ServiceStats, @Ctx() ctx: EnterpriseServiceContext): Promise<number> {
    return ctx.serviceStats.flagged(stats, 'isMonitoringPoint');
  }

  @FieldResolver(() => Int, { description: '“小升规”培育库企业数' })
  incubationPool(@Root() stats: ServiceStats, @Ctx() ctx: EnterpriseServiceContext): Promise<number> {
    return ctx.serviceStats.flagged(stats, 'inIncubationPool');
  }

  @FieldResolver(() => [ProjectStageCount], { description: '各阶段项目数（四个阶段都列出）' })
  projectsByStage(@Root() stats: ServiceStats, @Ctx() ctx: EnterpriseServiceContext): Promise<ProjectStageCount[]> {
    return ctx.serviceStats.projectsByStage(stats);
  }

  @FieldResolver(() => Int, { description: '重点项目数' })
  keyProjects(@Root() stats: ServiceStats, @Ctx() ctx: EnterpriseServiceContext): Promise<number> {
    return ctx.serviceStats.keyProjects(stats);
  }

  @FieldResolver(() => Int, { description: '服务大使覆盖：自市级至所在地层级每级都有服务大使的重点企业数（与 keyEnterprises 相比即覆盖率）' })
  coveredKeyEnterprises(@Root() stats: ServiceStats, @Ctx() ctx: EnterpriseServiceContext): Promise<number> {
    return ctx.serviceStats.covered(stats, 'enterprises');
  }

  @FieldResolver(() => Int, { description: '服务大使覆盖：每级都有服务大使的重点项目数（与 keyProjects 相比）' })
  coveredKeyProjects(@Root() stats: ServiceStats, @Ctx() ctx: EnterpriseServiceContext): Promise<number> {
    return ctx.serviceStats.covered(stats, 'projects');
  }

  @FieldResolver(() => Int, { description: '本月走访次数（北京时间自然月）' })
  visitsThisMonth(@Root() stats: ServiceStats, @Ctx() ctx: EnterpriseServiceContext): Promise<number> {
    return ctx.serviceStats.visits(stats, 'month');
  }

  @FieldResolver(() => Int, { description: '本季度走访次数（北京时间自然季度）' })
  visitsThisQuarter(@Root() stats: ServiceStats, @Ctx() ctx: EnterpriseServiceContext): Promise<number> {
    return ctx.serviceStats.visits(stats, 'quarter');
  }
}
