import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { EnterpriseServiceContext } from '../context.js';
import { Demand } from '../demand/demand.entity.js';
import { ReportMonitoringProblemInput } from './monitoring-point-inputs.js';

@Resolver()
export class MonitoringPointResolver {
  @Mutation(() => Demand, { description: '营商环境监测点随手拍：问题作为企业诉求进入诉求闭环（待转办）；非监测点企业返回 BAD_USER_INPUT' })
  reportMonitoringProblem(@Arg('input', () => ReportMonitoringProblemInput) input: ReportMonitoringProblemInput, @Ctx() ctx: EnterpriseServiceContext): Promise<Demand> {
    return ctx.monitoringPoints.report(ctx.caller, input);
  }
}
