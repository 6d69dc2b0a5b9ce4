import { PageArgs, type Page } from '@bizenv/common/connection';
import type { SubgraphContext } from '@bizenv/common/subgraph-server';
import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { DeadlineRuleChangeConnection } from './deadline-rule-change-connection.js';
import type { DeadlineRuleChange } from './deadline-rule-change.entity.js';
import { DeadlineRule } from './deadline-rule.entity.js';
import { DeadlineScopeInput, SetDeadlineRuleInput } from './deadline-rule-inputs.js';
import type { DeadlineRuleService } from './deadline-rule.service.js';

export interface DeadlineRuleContext extends SubgraphContext {
  deadlineRules: DeadlineRuleService;
}

@Resolver(() => DeadlineRule)
export class DeadlineRuleResolver {
  @Query(() => [DeadlineRule], { description: '投诉办理时限规则：渠道与类别都匹配的优先，其次渠道、类别，最后默认规则（*/*）' })
  complaintDeadlineRules(@Ctx() ctx: DeadlineRuleContext): Promise<DeadlineRule[]> {
    return ctx.deadlineRules.list(ctx.caller);
  }

  @Query(() => DeadlineRuleChangeConnection, { description: '时限规则变更记录，新的在前（需系统管理权限）' })
  complaintDeadlineRuleChanges(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: DeadlineRuleContext): Promise<Page<DeadlineRuleChange>> {
    return ctx.deadlineRules.changes(ctx.caller, page);
  }

  @Mutation(() => DeadlineRule, { description: '新增或修改时限规则（需系统管理权限）：只对此后受理的投诉生效，已受理投诉的期限不变' })
  setComplaintDeadlineRule(@Arg('input', () => SetDeadlineRuleInput) input: SetDeadlineRuleInput, @Ctx() ctx: DeadlineRuleContext): Promise<DeadlineRule> {
    return ctx.deadlineRules.set(ctx.caller, input);
  }

  @Mutation(() => DeadlineRule, { description: '删除时限规则（需系统管理权限；默认规则不能删除）：此后受理的投诉改按次具体的规则，返回被删除的规则' })
  removeComplaintDeadlineRule(@Arg('scope', () => DeadlineScopeInput) scope: DeadlineScopeInput, @Ctx() ctx: DeadlineRuleContext): Promise<DeadlineRule> {
    return ctx.deadlineRules.remove(ctx.caller, scope);
  }
}
