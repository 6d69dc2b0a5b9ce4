import { PageArgs, type Page } from '@bizenv/common/connection';
import type { SubgraphContext } from '@bizenv/common/subgraph-server';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Person } from '../person/person.entity.js';
import { Region } from '../region/region.entity.js';
import type { RegionService } from '../region/region.service.js';
import { Unit } from '../unit/unit.entity.js';
import type { UnitService } from '../unit/unit.service.js';
import { GroupConnection } from './group-connection.js';
import { AddGroupMemberInput, CreateGroupInput, GroupFilter, RemoveGroupMemberInput, UpdateGroupInput } from './group-inputs.js';
import { GroupPersonMember, GroupUnitMember } from './group-members.js';
import { Group } from './group.entity.js';
import type { GroupService } from './group.service.js';

export interface GroupContext extends SubgraphContext {
  groups: GroupService;
  units: UnitService;
  regions: RegionService;
}

@Resolver(() => Group)
export class GroupResolver {
  @Query(() => Group, { nullable: true })
  group(@Arg('id', () => ID) id: string, @Ctx() ctx: GroupContext): Promise<Group> {
    return ctx.groups.get(ctx.caller, id);
  }

  @Query(() => GroupConnection, { description: '领导小组、办公室、工作组等的分页列表，按区域、名称排序；只含本账号可见范围内的' })
  groups(
    @Arg('filter', () => GroupFilter, { nullable: true }) filter: GroupFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GroupContext,
  ): Promise<Page<Group>> {
    return ctx.groups.list(ctx.caller, filter ?? {}, page);
  }

  @Mutation(() => Group, { description: '新建组织（需本区域组织管理权限）' })
  createGroup(@Arg('input', () => CreateGroupInput) input: CreateGroupInput, @Ctx() ctx: GroupContext): Promise<Group> {
    return ctx.groups.create(ctx.caller, input);
  }

  @Mutation(() => Group, { description: '修改组织的名称、类型、上级、组长或牵头单位' })
  updateGroup(@Arg('input', () => UpdateGroupInput) input: UpdateGroupInput, @Ctx() ctx: GroupContext): Promise<Group> {
    return ctx.groups.update(ctx.caller, input);
  }

  @Mutation(() => Group, { description: '加入成员（人员或单位）；已是成员时返回 CONFLICT' })
  addGroupMember(@Arg('input', () => AddGroupMemberInput) input: AddGroupMemberInput, @Ctx() ctx: GroupContext): Promise<Group> {
    return ctx.groups.addMember(ctx.caller, input);
  }

  @Mutation(() => Group, { description: '移出成员；不是成员时返回 NOT_FOUND' })
  removeGroupMember(@Arg('input', () => RemoveGroupMemberInput) input: RemoveGroupMemberInput, @Ctx() ctx: GroupContext): Promise<Group> {
    return ctx.groups.removeMember(ctx.caller, input);
  }

  @FieldResolver(() => Region)
  region(@Root() group: Group, @Ctx() ctx: GroupContext): Promise<Region> {
    return ctx.regions.get(ctx.caller, group.regionCode);
  }

  @FieldResolver(() => Group, { nullable: true, description: '上级组织；不在本账号可见范围内时为 null' })
  parent(@Root() group: Group, @Ctx() ctx: GroupContext): Promise<Group | null> {
    return ctx.groups.parentOf(ctx.caller, group);
  }

  @FieldResolver(() => [Group], { description: '直接下级组织' })
  children(@Root() group: Group, @Ctx() ctx: GroupContext): Promise<Group[]> {
    return ctx.groups.children(group);
  }

  @FieldResolver(() => Person, { nullable: true, description: '组长/牵头领导' })
  leader(@Root() group: Group, @Ctx() ctx: GroupContext): Promise<Person | null> {
    return ctx.groups.leaderOf(group);
  }

  @FieldResolver(() => Unit, { nullable: true, description: '牵头单位' })
  leadUnit(@Root() group: Group, @Ctx() ctx: GroupContext): Promise<Unit> | null {
    return group.leadUnitId ? ctx.units.get(ctx.caller, group.leadUnitId) : null;
  }

  @FieldResolver(() => [GroupUnitMember], { description: '成员单位，按加入先后' })
  memberUnits(@Root() group: Group, @Ctx() ctx: GroupContext): Promise<GroupUnitMember[]> {
    return ctx.groups.memberUnits(group);
  }

  @FieldResolver(() => [GroupPersonMember], { description: '成员人员，按加入先后' })
  memberPeople(@Root() group: Group, @Ctx() ctx: GroupContext): Promise<GroupPersonMember[]> {
    return ctx.groups.memberPeople(group);
  }
}
