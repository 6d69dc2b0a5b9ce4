import { PageArgs, type Page } from '@bizenv/common/connection';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EnterpriseServiceContext } from '../context.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Person } from '../person/person.js';
import { Region } from '../region/region.js';
import { Unit } from '../unit/unit.js';
import { formatWanYuan } from './investment.js';
import { ProjectConnection } from './project-connection.js';
import { HelpMemberKind, ProjectHelpMember } from './project-help-member.entity.js';
import { CreateProjectInput, MoveProjectStageInput, ProjectFilter, UpdateProjectInput } from './project-inputs.js';
import { PROJECT_STAGE_MOVES, ProjectStageMove } from './project-stage.js';
import { ProjectStageChange } from './project-stage-change.entity.js';
import { Project } from './project.entity.js';

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => Project, { nullable: true })
  project(@Arg('id', () => ID) id: string, @Ctx() ctx: EnterpriseServiceContext): Promise<Project> {
    return ctx.projects.get(ctx.caller, id);
  }

  @Query(() => ProjectConnection, { description: '项目分页列表，按登记时间由新到旧；总数只计本账号可见的项目' })
  projects(
    @Arg('filter', () => ProjectFilter, { nullable: true }) filter: ProjectFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: EnterpriseServiceContext,
  ): Promise<Page<Project>> {
    return ctx.projects.list(ctx.caller, filter ?? {}, page);
  }

  @Mutation(() => Project, { description: '登记项目（记入第一条阶段记录）' })
  createProject(@Arg('input', () => CreateProjectInput) input: CreateProjectInput, @Ctx() ctx: EnterpriseServiceContext): Promise<Project> {
    return ctx.projects.create(ctx.caller, input);
  }

  @Mutation(() => Project, { description: '修改项目名称、投资额、重点项目标志或帮扶团队' })
  updateProject(@Arg('input', () => UpdateProjectInput) input: UpdateProjectInput, @Ctx() ctx: EnterpriseServiceContext): Promise<Project> {
    return ctx.projects.update(ctx.caller, input);
  }

  @Mutation(() => Project, { description: '变更项目阶段：不允许的变更返回 INVALID_TRANSITION，退回未说明理由返回 BAD_USER_INPUT' })
  moveProjectStage(@Arg('input', () => MoveProjectStageInput) input: MoveProjectStageInput, @Ctx() ctx: EnterpriseServiceContext): Promise<Project> {
    return ctx.projects.moveStage(ctx.caller, input);
  }

  @FieldResolver(() => Region)
  region(@Root() project: Project): Region {
    return { code: project.regionCode };
  }

  @FieldResolver(() => Enterprise, { nullable: true, description: '投资（实施）企业；参与帮扶的承办单位账号也可在此查看' })
  enterprise(@Root() project: Project, @Ctx() ctx: EnterpriseServiceContext): Promise<Enterprise | null> {
    return ctx.projects.enterpriseOf(ctx.caller, project);
  }

  @FieldResolver(() => String, { nullable: true, description: '投资额（万元，十进制文本，精确到元）' })
  investmentWanYuan(@Root() project: Project): string | null {
    return project.investmentYuan === null ? null : formatWanYuan(project.investmentYuan);
  }

  @FieldResolver(() => [ProjectStageChange], { description: '阶段变更记录，由早到晚' })
  stageHistory(@Root() project: Project, @Ctx() ctx: EnterpriseServiceContext): Promise<ProjectStageChange[]> {
    return ctx.projects.history(project.id);
  }

  @FieldResolver(() => [ProjectStageMove], { description: '当前阶段可进行的变更' })
  allowedMoves(@Root() project: Project): readonly ProjectStageMove[] {
    return PROJECT_STAGE_MOVES[project.stage];
  }

  @FieldResolver(() => [ProjectHelpMember], { description: '帮扶团队' })
  helpTeam(@Root() project: Project, @Ctx() ctx: EnterpriseServiceContext): Promise<ProjectHelpMember[]> {
    return ctx.projects.helpTeam(project.id);
  }
}

@Resolver(() => ProjectHelpMember)
export class ProjectHelpMemberResolver {
  @FieldResolver(() => Person, { nullable: true })
  person(@Root() member: ProjectHelpMember): Person | null {
    return member.memberKind === HelpMemberKind.PERSON ? { id: member.memberId } : null;
  }

  @FieldResolver(() => Unit, { nullable: true })
  unit(@Root() member: ProjectHelpMember): Unit | null {
    return member.memberKind === HelpMemberKind.UNIT ? { id: member.memberId } : null;
  }
}
