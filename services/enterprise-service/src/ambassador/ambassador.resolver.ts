import { PageArgs, type Page } from '@bizenv/common/connection';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EnterpriseServiceContext } from '../context.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Person } from '../person/person.js';
import { Project } from '../project/project.entity.js';
import { Region } from '../region/region.js';
import { AmbassadorAssignmentConnection, LeaderContactConnection } from './ambassador-connection.js';
import { AmbassadorAssignmentFilter, AssignAmbassadorInput, AssignLeaderContactInput, LeaderContactFilter } from './ambassador-inputs.js';
import { AmbassadorStats } from './ambassador-stats.js';
import { AmbassadorAssignment } from './ambassador-assignment.entity.js';
import { LeaderContact } from './leader-contact.entity.js';

@Resolver(() => AmbassadorAssignment)
export class AmbassadorAssignmentResolver {
  @Query(() => AmbassadorAssignmentConnection, { description: '服务大使挂联分页列表，按起始时间由新到旧；默认只含仍在挂联的' })
  ambassadorAssignments(
    @Arg('filter', () => AmbassadorAssignmentFilter, { nullable: true }) filter: AmbassadorAssignmentFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: EnterpriseServiceContext,
  ): Promise<Page<AmbassadorAssignment>> {
    return ctx.ambassadors.list(ctx.caller, filter ?? { includeEnded: false }, page);
  }

  @Query(() => AmbassadorStats, { description: '一位服务大使的工作统计：挂联企业、项目，走访，走访中提出和已办结的诉求；区域不给则为本账号的范围' })
  ambassadorStats(
    @Arg('personId', () => ID) personId: string,
    @Arg('regionCode', () => ID, { nullable: true }) regionCode: string | null,
    @Ctx() ctx: EnterpriseServiceContext,
  ): Promise<AmbassadorStats> {
    return ctx.ambassadorStats.stats(ctx.caller, personId, regionCode);
  }

  @Mutation(() => AmbassadorAssignment, { description: '安排服务大使挂联企业或项目；同一人同一层级重复挂联返回 CONFLICT' })
  assignAmbassador(@Arg('input', () => AssignAmbassadorInput) input: AssignAmbassadorInput, @Ctx() ctx: EnterpriseServiceContext): Promise<AmbassadorAssignment> {
    return ctx.ambassadors.assign(ctx.caller, input);
  }

  @Mutation(() => AmbassadorAssignment, { description: '结束一项挂联（保留记录）' })
  endAmbassadorAssignment(@Arg('id', () => ID) id: string, @Ctx() ctx: EnterpriseServiceContext): Promise<AmbassadorAssignment> {
    return ctx.ambassadors.end(ctx.caller, id);
  }

  @FieldResolver(() => Person, { description: '服务大使' })
  person(@Root() assignment: AmbassadorAssignment): Person {
    return { id: assignment.personId };
  }

  @FieldResolver(() => Region, { description: '服务大使在该层级负责的区域' })
  region(@Root() assignment: AmbassadorAssignment): Region {
    return { code: assignment.regionCode };
  }

  @FieldResolver(() => Enterprise, { nullable: true })
  enterprise(@Root() assignment: AmbassadorAssignment, @Ctx() ctx: EnterpriseServiceContext): Promise<Enterprise> | null {
    return assignment.enterpriseId ? ctx.enterprises.get(ctx.caller, assignment.enterpriseId) : null;
  }

  @FieldResolver(() => Project, { nullable: true })
  project(@Root() assignment: AmbassadorAssignment, @Ctx() ctx: EnterpriseServiceContext): Promise<Project> | null {
    return assignment.projectId ? ctx.projects.get(ctx.caller, assignment.projectId) : null;
  }
}

@Resolver(() => LeaderContact)
export class LeaderContactResolver {
  @Query(() => LeaderContactConnection, { description: '领导挂点分页列表，按起始时间由新到旧；默认只含仍在挂点的' })
  leaderContacts(
    @Arg('filter', () => LeaderContactFilter, { nullable: true }) filter: LeaderContactFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: EnterpriseServiceContext,
  ): Promise<Page<LeaderContact>> {
    return ctx.ambassadors.listLeaders(ctx.caller, filter ?? { includeEnded: false }, page);
  }

  @Mutation(() => LeaderContact, { description: '安排领导挂点联系重点企业；非重点企业返回 BAD_USER_INPUT' })
  assignLeaderContact(@Arg('input', () => AssignLeaderContactInput) input: AssignLeaderContactInput, @Ctx() ctx: EnterpriseServiceContext): Promise<LeaderContact> {
    return ctx.ambassadors.assignLeader(ctx.caller, input);
  }

  @Mutation(() => LeaderContact, { description: '结束一项领导挂点（保留记录）' })
  endLeaderContact(@Arg('id', () => ID) id: string, @Ctx() ctx: EnterpriseServiceContext): Promise<LeaderContact> {
    return ctx.ambassadors.endLeader(ctx.caller, id);
  }

  @FieldResolver(() => Person, { description: '挂点领导' })
  leader(@Root() contact: LeaderContact): Person {
    return { id: contact.leaderId };
  }

  @FieldResolver(() => Enterprise)
  enterprise(@Root() contact: LeaderContact, @Ctx() ctx: EnterpriseServiceContext): Promise<Enterprise> {
    return ctx.enterprises.get(ctx.caller, contact.enterpriseId);
  }
}

/** Who serves an enterprise or a project now. */
@Resolver(() => Enterprise)
export class EnterpriseAmbassadorResolver {
  @FieldResolver(() => [AmbassadorAssignment], { description: '正在挂联的服务大使' })
  ambassadors(@Root() enterprise: Enterprise, @Ctx() ctx: EnterpriseServiceContext): Promise<AmbassadorAssignment[]> {
    return ctx.ambassadors.activeFor({ enterpriseId: enterprise.id });
  }

  @FieldResolver(() => [LeaderContact], { description: '正在挂点联系的领导' })
  leaderContacts(@Root() enterprise: Enterprise, @Ctx() ctx: EnterpriseServiceContext): Promise<LeaderContact[]> {
    return ctx.ambassadors.leadersOf(enterprise.id);
  }
}

@Resolver(() => Project)
export class ProjectAmbassadorResolver {
  @FieldResolver(() => [AmbassadorAssignment], { description: '正在挂联的服务大使' })
  ambassadors(@Root() project: Project, @Ctx() ctx: EnterpriseServiceContext): Promise<AmbassadorAssignment[]> {
    return ctx.ambassadors.activeFor({ projectId: project.id });
  }
}
