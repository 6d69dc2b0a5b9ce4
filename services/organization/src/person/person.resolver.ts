import { PageArgs, type Page } from '@bizenv/common/connection';
import type { SubgraphContext } from '@bizenv/common/subgraph-server';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Region } from '../region/region.entity.js';
import type { RegionService } from '../region/region.service.js';
import { Unit } from '../unit/unit.entity.js';
import type { UnitService } from '../unit/unit.service.js';
import { PersonConnection } from './person-connection.js';
import { CreatePersonInput, PersonFilter, UpdatePersonInput } from './person-inputs.js';
import { Person } from './person.entity.js';
import type { PersonService } from './person.service.js';

export interface PersonContext extends SubgraphContext {
  people: PersonService;
  units: UnitService;
  regions: RegionService;
}

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true })
  person(@Arg('id', () => ID) id: string, @Ctx() ctx: PersonContext): Promise<Person> {
    return ctx.people.get(ctx.caller, id);
  }

  @Query(() => PersonConnection, { description: '人员分页列表，按区域、姓名排序；只含本账号可见范围内的人员' })
  people(
    @Arg('filter', () => PersonFilter, { nullable: true }) filter: PersonFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: PersonContext,
  ): Promise<Page<Person>> {
    return ctx.people.list(ctx.caller, filter ?? {}, page);
  }

  @Mutation(() => Person, { description: '新建人员（本区域的组织管理员或安全管理员；给出角色须为安全管理员）' })
  createPerson(@Arg('input', () => CreatePersonInput) input: CreatePersonInput, @Ctx() ctx: PersonContext): Promise<Person> {
    return ctx.people.create(ctx.caller, input);
  }

  @Mutation(() => Person, { description: '修改人员的姓名、职务、单位、区域（组织或安全管理员）或角色（仅安全管理员，不能改自己的角色）' })
  updatePerson(@Arg('input', () => UpdatePersonInput) input: UpdatePersonInput, @Ctx() ctx: PersonContext): Promise<Person> {
    return ctx.people.update(ctx.caller, input);
  }

  @Mutation(() => Person, { description: '开通或重设登录账号（安全管理员）：用户名3–32位；密码至少10位且含字母和数字；用户名已被他人使用时返回 CONFLICT；同时解除锁定' })
  setPersonAccount(
    @Arg('personId', () => ID) personId: string,
    @Arg('username', () => String) username: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: PersonContext,
  ): Promise<Person> {
    return ctx.people.setAccount(ctx.caller, personId, username, password);
  }

  @Mutation(() => Person, { description: '停用登录账号（安全管理员；用户名保留，不再能登录；可用 setPersonAccount 重新开通）' })
  disablePersonAccount(@Arg('personId', () => ID) personId: string, @Ctx() ctx: PersonContext): Promise<Person> {
    return ctx.people.disableAccount(ctx.caller, personId);
  }

  @Mutation(() => Person, { description: '提前解除因登录失败次数过多而锁定的账号（安全管理员）' })
  unlockPersonAccount(@Arg('personId', () => ID) personId: string, @Ctx() ctx: PersonContext): Promise<Person> {
    return ctx.people.unlockAccount(ctx.caller, personId);
  }

  @FieldResolver(() => Date, { nullable: true, description: '账号锁定至何时；未锁定为 null；仅本区域的安全管理员可见，其他人为 null' })
  lockedUntil(@Root() person: Person, @Ctx() ctx: PersonContext): Date | null {
    return ctx.people.lockedUntilFor(ctx.caller, person);
  }

  @FieldResolver(() => Unit, { nullable: true, description: '所在单位' })
  unit(@Root() person: Person, @Ctx() ctx: PersonContext): Promise<Unit> | null {
    return person.unitId ? ctx.units.get(ctx.caller, person.unitId) : null;
  }

  @FieldResolver(() => Region, { description: '所在区域' })
  region(@Root() person: Person, @Ctx() ctx: PersonContext): Promise<Region> {
    return ctx.regions.get(ctx.caller, person.regionCode);
  }

  @FieldResolver(() => Boolean, { description: '有可用的登录账号' })
  hasAccount(@Root() person: Person): boolean {
    return person.passwordHash !== null;
  }

  @FieldResolver(() => String, { nullable: true, description: '登录用户名；仅本区域的组织管理员和安全管理员可见，其他人为 null' })
  username(@Root() person: Person, @Ctx() ctx: PersonContext): string | null {
    return ctx.people.usernameFor(ctx.caller, person);
  }
}
