import type { SubgraphContext } from '@bizenv/common/subgraph-server';
import { now } from '@bizenv/common/clock';
import { PageArgs, type Page } from '@bizenv/common/connection';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { LedgerContext } from '../ledger/ledger.resolver.js';
import { Problem } from '../ledger/problem.entity.js';
import { Region } from '../region/region.js';
import { SupervisedTask } from '../task/task.entity.js';
import type { TaskContext } from '../task/task.resolver.js';
import { Unit } from '../unit/unit.js';
import { SupervisionConnection } from './supervision-connection.js';
import { SupervisionStatus, SupervisionTargetKind } from './supervision-enums.js';
import { CloseSupervisionInput, EscalateSupervisionInput, RespondToSupervisionInput, SuperviseItemInput, SupervisionFilter } from './supervision-inputs.js';
import { SupervisionStep } from './supervision-step.entity.js';
import { Supervision } from './supervision.entity.js';
import type { SupervisionService } from './supervision.service.js';

export interface SupervisionContext extends SubgraphContext, TaskContext, LedgerContext {
  supervision: SupervisionService;
}

@Resolver(() => Supervision)
export class SupervisionResolver {
  @Query(() => Supervision, { nullable: true })
  supervision(@Arg('id', () => ID) id: string, @Ctx() ctx: SupervisionContext): Promise<Supervision> {
    return ctx.supervision.get(ctx.caller, id);
  }

  @Query(() => SupervisionConnection, { description: '督办事项分页列表，按回复期限先后；单位承办人只看本单位的' })
  supervisions(
    @Arg('filter', () => SupervisionFilter, { nullable: true }) filter: SupervisionFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SupervisionContext,
  ): Promise<Page<Supervision>> {
    return ctx.supervision.list(ctx.caller, filter ?? {}, page);
  }

  @Mutation(() => Supervision, { description: '发起督办（督办人员）：一项事项同时只有一个未解除的督办' })
  superviseItem(@Arg('input', () => SuperviseItemInput) input: SuperviseItemInput, @Ctx() ctx: SupervisionContext): Promise<Supervision> {
    return ctx.supervision.supervise(ctx.caller, input);
  }

  @Mutation(() => Supervision, { description: '升级督办（督办人员）：催办 → 督办单 → 挂牌督办 → 通报' })
  escalateSupervision(@Arg('input', () => EscalateSupervisionInput) input: EscalateSupervisionInput, @Ctx() ctx: SupervisionContext): Promise<Supervision> {
    return ctx.supervision.escalate(ctx.caller, input);
  }

  @Mutation(() => Supervision, { description: '回复督办（被督办单位的承办人）' })
  respondToSupervision(@Arg('input', () => RespondToSupervisionInput) input: RespondToSupervisionInput, @Ctx() ctx: SupervisionContext): Promise<Supervision> {
    return ctx.supervision.respond(ctx.caller, input);
  }

  @Mutation(() => Supervision, { description: '解除督办（督办人员）' })
  closeSupervision(@Arg('input', () => CloseSupervisionInput) input: CloseSupervisionInput, @Ctx() ctx: SupervisionContext): Promise<Supervision> {
    return ctx.supervision.close(ctx.caller, input);
  }

  @FieldResolver(() => [SupervisionStep], { description: '督办记录，按时间先后' })
  timeline(@Root() supervision: Supervision, @Ctx() ctx: SupervisionContext): Promise<SupervisionStep[]> {
    return ctx.supervision.timeline(ctx.caller, supervision);
  }

  @FieldResolver(() => SupervisedTask, { nullable: true, description: '被督办的任务' })
  task(@Root() supervision: Supervision, @Ctx() ctx: SupervisionContext): Promise<SupervisedTask> | null {
    return supervision.targetKind === SupervisionTargetKind.TASK ? ctx.tasks.get(ctx.caller, supervision.targetId) : null;
  }

  @FieldResolver(() => Problem, { nullable: true, description: '被督办的问题' })
  problem(@Root() supervision: Supervision, @Ctx() ctx: SupervisionContext): Promise<Problem> | null {
    return supervision.targetKind === SupervisionTargetKind.PROBLEM ? ctx.ledger.get(ctx.caller, supervision.targetId) : null;
  }

  @FieldResolver(() => Unit, { description: '被督办单位（须回复的单位）' })
  unit(@Root() supervision: Supervision): Unit {
    return { id: supervision.unitId };
  }

  @FieldResolver(() => Region)
  region(@Root() supervision: Supervision): Region {
    return { code: supervision.regionCode };
  }

  @FieldResolver(() => Boolean, { description: '已过回复期限仍未回复' })
  overdue(@Root() supervision: Supervision): boolean {
    return supervision.status === SupervisionStatus.AWAITING_RESPONSE && supervision.responseDueAt < now();
  }
}

@Resolver(() => SupervisionStep)
export class SupervisionStepResolver {
  @FieldResolver(() => Boolean, { nullable: true, description: '回复是否晚于回复期限（仅回复记录）' })
  late(@Root() step: SupervisionStep): boolean | null {
    return step.response !== null && step.responseDueAt ? step.at > step.responseDueAt : null;
  }
}

/** The supervisions of a task or a problem, newest first, to whoever may read the item. */
@Resolver(() => SupervisedTask)
export class TaskSupervisionsResolver {
  @FieldResolver(() => [Supervision], { description: '该任务的督办事项，新的在前' })
  supervisions(@Root() task: SupervisedTask, @Ctx() ctx: SupervisionContext): Promise<Supervision[]> {
    return ctx.supervision.ofTarget(ctx.caller, SupervisionTargetKind.TASK, task.id);
  }
}

@Resolver(() => Problem)
export class ProblemSupervisionsResolver {
  @FieldResolver(() => [Supervision], { description: '该问题的督办事项，新的在前' })
  supervisions(@Root() problem: Problem, @Ctx() ctx: SupervisionContext): Promise<Supervision[]> {
    return ctx.supervision.ofTarget(ctx.caller, SupervisionTargetKind.PROBLEM, problem.id);
  }
}
