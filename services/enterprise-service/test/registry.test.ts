import { randomInt, randomUUID } from 'node:crypto';
import { Role, type Caller } from '@bizenv/common/auth';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar } from '@bizenv/common/credit-code';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { allPages, callSubgraph, type DatabaseTarget, databaseTargets, startTestSubgraph } from '@bizenv/common/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnterpriseServiceDeps } from '../src/context.js';
import { CreditCodeConfirmation } from '../src/enterprise/credit-code-confirmation.entity.js';
import { Enterprise } from '../src/enterprise/enterprise.entity.js';
import { ProjectHelpMember } from '../src/project/project-help-member.entity.js';
import { ProjectStageChange } from '../src/project/project-stage-change.entity.js';
import { Project } from '../src/project/project.entity.js';
import { enterpriseServiceSubgraph } from '../src/subgraph.js';

const cityAmbassador: Caller = { id: 'amb-city', name: '市服务大使', roles: [Role.SERVICE_AMBASSADOR], regionCode: '990100' };
const linjiangAmbassador: Caller = { id: 'amb-linjiang', name: '临江区服务大使', roles: [Role.SERVICE_AMBASSADOR], regionCode: '990102' };
const linjiangLeader: Caller = { id: 'leader-linjiang', name: '临江区领导', roles: [Role.LEADER], regionCode: '990102' };
const HELP_UNIT = randomUUID();
const unitHandler: Caller = { id: 'handler-1', name: '承办人', roles: [Role.UNIT_HANDLER], regionCode: '990102', unitId: HELP_UNIT };

function newCreditCode(district = '990102'): string {
  const body = Array.from({ length: 7 }, () => CREDIT_CODE_CHARSET[randomInt(CREDIT_CODE_CHARSET.length)]).join('');
  return `91${district}MA${body}` + creditCodeCheckChar(`91${district}MA${body}`);
}

/** The same code with a check character that fails. */
const failingCheck = (code: string) => code.slice(0, 17) + CREDIT_CODE_CHARSET[(CREDIT_CODE_CHARSET.indexOf(code[17]) + 1) % 31];

const ENTERPRISE_FIELDS = `id creditCode name isKey industry scale isMonitoringPoint inIncubationPool version creditCodeCheckPassed
  creditCodeConfirmation { creditCode reason confirmedById confirmedByName confirmedAt } region { code }`;
const REGISTER = `mutation($input: RegisterEnterpriseInput!) { registerEnterprise(input: $input) { ${ENTERPRISE_FIELDS} } }`;
const UPDATE = `mutation($input: UpdateEnterpriseInput!) { updateEnterprise(input: $input) { ${ENTERPRISE_FIELDS} } }`;
const ENTERPRISE = `query($id: ID!) { enterprise(id: $id) { ${ENTERPRISE_FIELDS} ambassadors { level person { id } region { code } } leaderContacts { leader { id } } } }`;
const PROJECT_FIELDS = `id name stage isKey version investmentWanYuan region { code } enterprise { id }
  stageHistory { fromStage toStage reason actorId actorName at } allowedMoves { to reasonRequired }
  helpTeam { memberKind duty person { id } unit { id } } ambassadors { level person { id } }`;
const CREATE_PROJECT = `mutation($input: CreateProjectInput!) { createProject(input: $input) { ${PROJECT_FIELDS} } }`;
const MOVE = `mutation($input: MoveProjectStageInput!) { moveProjectStage(input: $input) { ${PROJECT_FIELDS} } }`;
const UPDATE_PROJECT = `mutation($input: UpdateProjectInput!) { updateProject(input: $input) { ${PROJECT_FIELDS} } }`;
const PROJECT = `query($id: ID!) { project(id: $id) { id stage } }`;
const PROJECTS = `query($filter: ProjectFilter, $first: Int, $after: String) {
  projects(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } }
}`;
const ASSIGN = `mutation($input: AssignAmbassadorInput!) { assignAmbassador(input: $input) { id level until person { id } region { code } enterprise { id } project { id } } }`;
const END = `mutation($id: ID!) { endAmbassadorAssignment(id: $id) { id until } }`;
const LEADER = `mutation($input: AssignLeaderContactInput!) { assignLeaderContact(input: $input) { id leader { id } enterprise { id } } }`;
const COVERAGE = `query($code: ID) { ambassadorCoverage(regionCode: $code) {
  keyEnterprises coveredKeyEnterprises keyProjects coveredKeyProjects
  enterpriseGaps(first: 100) { totalCount edges { node { enterprise { id } missingLevels } } }
  projectGaps(first: 100) { totalCount edges { node { project { id } missingLevels } } }
} }`;
const STATS = `query($code: ID!) { _entities(representations: [{ __typename: "Region", code: $code }]) {
  ... on Region { serviceStats { enterprises keyEnterprises monitoringPoints incubationPool keyProjects coveredKeyEnterprises coveredKeyProjects projectsByStage { stage count } } }
} }`;

describe.each(await databaseTargets())('enterprise registry, projects and ambassadors on $name', ({ create }) => {
  let target: DatabaseTarget;
  let subgraph: RunningSubgraph<EnterpriseServiceDeps>;

  beforeAll(async () => {
    target = create();
    subgraph = await startTestSubgraph(enterpriseServiceSubgraph(), target, [], false);
  });

  afterAll(async () => {
    await subgraph?.stop();
    await target?.dispose();
  });

  const call = (caller: Caller, query: string, variables: Record<string, unknown> = {}) => callSubgraph(subgraph.url, caller, query, variables);
  const ok = async (caller: Caller, query: string, variables: Record<string, unknown>) => {
    const result = await call(caller, query, variables);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return Object.values(result.data)[0] as any;
  };
  const register = (input: Record<string, unknown>, caller = cityAmbassador) =>
    call(caller, REGISTER, { input: { name: '江湾市临江宏达精密机械有限公司', regionCode: '990102001', ...input } });
  const stored = (creditCode: string) => subgraph.dataSource.getRepository(Enterprise).countBy({ creditCode });
  const newProject = (input: Record<string, unknown> = {}, caller = cityAmbassador) =>
    ok(caller, CREATE_PROJECT, { input: { name: '智能制造产业园一期项目', regionCode: '990102001', ...input } });

  describe('credit codes', () => {
    it('registers a valid code with its attributes, and records no confirmation even when one is offered', async () => {
      const creditCode = newCreditCode();
      const enterprise = (await register({ creditCode, industry: 'C', scale: 'SMALL', isKey: true, isMonitoringPoint: true, inIncubationPool: true, confirmInvalidCheck: { reason: '多余的确认' } })).data
        .registerEnterprise;
      expect(enterprise).toMatchObject({ creditCode, industry: 'C', scale: 'SMALL', isKey: true, isMonitoringPoint: true, inIncubationPool: true, version: 1, creditCodeCheckPassed: true, creditCodeConfirmation: null });
      expect(await subgraph.dataSource.getRepository(CreditCodeConfirmation).countBy({ enterpriseId: enterprise.id })).toBe(0);
    });

    it('refuses a code of the wrong shape even with a confirmation', async () => {
      const valid = newCreditCode();
      for (const creditCode of [valid.slice(0, 17), `${valid.slice(0, 10)}I${valid.slice(11)}`, '9199010-MA1234567X']) {
        const result = await register({ creditCode, confirmInvalidCheck: { reason: '已核对营业执照原件' } });
        expect(result.errors?.[0].extensions, creditCode).toMatchObject({ code: 'INVALID_CREDIT_CODE', field: 'creditCode', reason: 'SHAPE' });
        expect(await stored(creditCode)).toBe(0);
      }
    });

    it('refuses a failing check character without a confirmation, and registers it with one, recording who, when and why', async () => {
      const creditCode = failingCheck(newCreditCode());
      const refused = await register({ creditCode });
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'INVALID_CREDIT_CODE', field: 'creditCode', reason: 'CHECK' });
      expect(refused.errors?.[0].message).toContain('确认理由');
      expect(await stored(creditCode)).toBe(0);
      const blank = await register({ creditCode, confirmInvalidCheck: { reason: '   ' } });
      expect(blank.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'confirmInvalidCheck.reason' });
      expect(await stored(creditCode)).toBe(0);

      const before = Date.now();
      const enterprise = (await register({ creditCode, confirmInvalidCheck: { reason: '早期试点代码，已核对营业执照原件' } })).data.registerEnterprise;
      expect(enterprise).toMatchObject({ creditCode, creditCodeCheckPassed: false });
      expect(enterprise.creditCodeConfirmation).toMatchObject({ creditCode, reason: '早期试点代码，已核对营业执照原件', confirmedById: cityAmbassador.id, confirmedByName: cityAmbassador.name });
      expect(new Date(enterprise.creditCodeConfirmation.confirmedAt).getTime()).toBeGreaterThanOrEqual(before - 5);
      // Visible to whoever reads the enterprise, e.g. the district leader.
      expect((await ok(linjiangLeader, ENTERPRISE, { id: enterprise.id })).creditCodeConfirmation.reason).toBe('早期试点代码，已核对营业执照原件');
      // The known real pilot code from GB 32100's early days.
      const pilot = (await register({ creditCode: '91350100M0001TGQXM', regionCode: '990100', confirmInvalidCheck: { reason: '试点代码' } })).data.registerEnterprise;
      expect(pilot.creditCodeConfirmation.creditCode).toBe('91350100M0001TGQXM');
    });
  });

  describe('updateEnterprise', () => {
    it('changes what is given on the version read, and refuses a stale version, storing nothing', async () => {
      const enterprise = (await register({ creditCode: newCreditCode() })).data.registerEnterprise;
      const updated = await ok(cityAmbassador, UPDATE, { input: { id: enterprise.id, expectedVersion: 1, isKey: true, industry: 'I', scale: 'MEDIUM' } });
      expect(updated).toMatchObject({ id: enterprise.id, name: enterprise.name, isKey: true, industry: 'I', scale: 'MEDIUM', version: 2 });
      const cleared = await ok(cityAmbassador, UPDATE, { input: { id: enterprise.id, expectedVersion: 2, industry: null } });
      expect(cleared).toMatchObject({ industry: null, scale: 'MEDIUM', isKey: true, version: 3 });
      const stale = await call(cityAmbassador, UPDATE, { input: { id: enterprise.id, expectedVersion: 2, name: '过期的修改' } });
      expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });
      expect((await subgraph.dataSource.getRepository(Enterprise).findOneByOrFail({ id: enterprise.id })).name).toBe(enterprise.name);
    });

    it('refuses a code another enterprise holds (CONFLICT), and a failing one unless confirmed — then records it', async () => {
      const taken = newCreditCode();
      await register({ creditCode: taken });
      const enterprise = (await register({ creditCode: newCreditCode() })).data.registerEnterprise;
      const duplicate = await call(cityAmbassador, UPDATE, { input: { id: enterprise.id, expectedVersion: 1, creditCode: taken } });
      expect(duplicate.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'creditCode' });
      const failing = failingCheck(newCreditCode());
      const refused = await call(cityAmbassador, UPDATE, { input: { id: enterprise.id, expectedVersion: 1, creditCode: failing } });
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'INVALID_CREDIT_CODE', reason: 'CHECK' });
      const confirmed = await ok(cityAmbassador, UPDATE, { input: { id: enterprise.id, expectedVersion: 1, creditCode: failing, confirmInvalidCheck: { reason: '换发执照前的代码' } } });
      expect(confirmed).toMatchObject({ creditCode: failing, version: 2, creditCodeCheckPassed: false, creditCodeConfirmation: { creditCode: failing, reason: '换发执照前的代码' } });
      // Sending the code it already has (as a form does) needs no second confirmation.
      const renamed = await ok(cityAmbassador, UPDATE, { input: { id: enterprise.id, expectedVersion: 2, creditCode: ` ${failing.toLowerCase()}`, name: '改名后的公司' } });
      expect(renamed).toMatchObject({ creditCode: failing, name: '改名后的公司', creditCodeConfirmation: { reason: '换发执照前的代码' } });
      expect(await subgraph.dataSource.getRepository(CreditCodeConfirmation).countBy({ enterpriseId: enterprise.id })).toBe(1);
    });

    it('keeps a district caller to their district: neither another district’s enterprise nor a move out of it', async () => {
      const own = (await register({ creditCode: newCreditCode(), regionCode: '990102002' })).data.registerEnterprise;
      const other = (await register({ creditCode: newCreditCode('990103'), regionCode: '990103001' })).data.registerEnterprise;
      expect((await call(linjiangAmbassador, UPDATE, { input: { id: other.id, expectedVersion: 1, isKey: true } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await call(linjiangAmbassador, UPDATE, { input: { id: own.id, expectedVersion: 1, regionCode: '990103001' } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await call(linjiangLeader, UPDATE, { input: { id: own.id, expectedVersion: 1, isKey: true } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(await ok(linjiangAmbassador, UPDATE, { input: { id: own.id, expectedVersion: 1, regionCode: '990102003' } })).toMatchObject({ region: { code: '990102003' }, version: 2 });
    });
  });

  describe('projects', () => {
    it('keeps the investment exact to the 元 and refuses amounts that are not', async () => {
      const project = await newProject({ investmentWanYuan: '12345.6789' });
      expect(project.investmentWanYuan).toBe('12345.6789');
      expect((await subgraph.dataSource.getRepository(Project).findOneByOrFail({ id: project.id })).investmentYuan).toBe(123_456_789);
      const bad = await call(cityAmbassador, CREATE_PROJECT, { input: { name: '项目', regionCode: '990102001', investmentWanYuan: '1.00001' } });
      expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'investmentWanYuan' });
    });

    it('moves forward one stage at a time, back with a reason, and keeps who/when/from/to/why', async () => {
      const enterprise = (await register({ creditCode: newCreditCode() })).data.registerEnterprise;
      const person = randomUUID();
      const project = await newProject({ enterpriseId: enterprise.id, isKey: true, helpTeam: [{ personId: person, duty: '组长' }, { unitId: HELP_UNIT, duty: '牵头单位' }] });
      expect(project).toMatchObject({ stage: 'RESERVE', version: 1, enterprise: { id: enterprise.id }, allowedMoves: [{ to: 'NEGOTIATION', reasonRequired: false }] });
      expect(project.helpTeam).toEqual([
        { memberKind: 'PERSON', duty: '组长', person: { id: person }, unit: null },
        { memberKind: 'UNIT', duty: '牵头单位', person: null, unit: { id: HELP_UNIT } },
      ]);
      expect(project.stageHistory).toEqual([expect.objectContaining({ fromStage: null, toStage: 'RESERVE', reason: null, actorId: cityAmbassador.id })]);

      const skip = await call(cityAmbassador, MOVE, { input: { id: project.id, expectedVersion: 1, toStage: 'KEY_PROJECT_HELP' } });
      expect(skip.errors?.[0].extensions).toMatchObject({ code: 'INVALID_TRANSITION', from: 'RESERVE', to: 'KEY_PROJECT_HELP' });
      const same = await call(cityAmbassador, MOVE, { input: { id: project.id, expectedVersion: 1, toStage: 'RESERVE' } });
      expect(same.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');

      await ok(cityAmbassador, MOVE, { input: { id: project.id, expectedVersion: 1, toStage: 'NEGOTIATION' } });
      await ok(linjiangAmbassador, MOVE, { input: { id: project.id, expectedVersion: 2, toStage: 'KEY_PROJECT_HELP' } });
      const stale = await call(cityAmbassador, MOVE, { input: { id: project.id, expectedVersion: 2, toStage: 'OPERATING_HELP' } });
      expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });
      const noReason = await call(cityAmbassador, MOVE, { input: { id: project.id, expectedVersion: 3, toStage: 'RESERVE' } });
      expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
      const back = await ok(cityAmbassador, MOVE, { input: { id: project.id, expectedVersion: 3, toStage: 'NEGOTIATION', reason: '用地指标尚未落实' } });
      expect(back).toMatchObject({ stage: 'NEGOTIATION', version: 4 });
      expect(back.stageHistory.map((h: any) => [h.fromStage, h.toStage, h.reason, h.actorName])).toEqual([
        [null, 'RESERVE', null, cityAmbassador.name],
        ['RESERVE', 'NEGOTIATION', null, cityAmbassador.name],
        ['NEGOTIATION', 'KEY_PROJECT_HELP', null, linjiangAmbassador.name],
        ['KEY_PROJECT_HELP', 'NEGOTIATION', '用地指标尚未落实', cityAmbassador.name],
      ]);
      const times = back.stageHistory.map((h: any) => new Date(h.at).getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      // A refused move left nothing behind.
      expect(await subgraph.dataSource.getRepository(ProjectStageChange).countBy({ projectId: project.id })).toBe(4);
    });

    it('replaces the help team and refuses a member that is neither or both a person and a unit', async () => {
      const project = await newProject();
      const both = await call(cityAmbassador, UPDATE_PROJECT, { input: { id: project.id, expectedVersion: 1, helpTeam: [{ personId: randomUUID(), unitId: randomUUID() }] } });
      expect(both.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'helpTeam[0]' });
      const updated = await ok(cityAmbassador, UPDATE_PROJECT, { input: { id: project.id, expectedVersion: 1, isKey: true, investmentWanYuan: '800', helpTeam: [{ unitId: HELP_UNIT }] } });
      expect(updated).toMatchObject({ isKey: true, investmentWanYuan: '800', version: 2, helpTeam: [{ memberKind: 'UNIT', unit: { id: HELP_UNIT }, duty: null }] });
    });

    it('lists projects within the caller’s scope: a district leader theirs, refused another district; a unit operator those their unit helps', async () => {
      const linjiang = await newProject({ regionCode: '990102004' });
      const chengnan = await newProject({ regionCode: '990103002' });
      const helped = await newProject({ regionCode: '990102005', helpTeam: [{ unitId: HELP_UNIT }] });
      const list = (caller: Caller, filter: Record<string, unknown> | null) =>
        allPages<{ id: string }>(async (after) => (await ok(caller, PROJECTS, { filter, first: 5, after })) as any);
      const rows = await subgraph.dataSource.getRepository(Project).find();
      const newest = (keep: (p: Project) => boolean) => rows.filter(keep).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1)).map((p) => p.id);
      expect((await list(linjiangLeader, null)).nodes.map((n) => n.id)).toEqual(newest((p) => p.regionCode.startsWith('990102')));
      expect((await list(cityAmbassador, { regionCode: '990103' })).nodes.map((n) => n.id)).toEqual([chengnan.id]);
      expect((await call(linjiangLeader, PROJECTS, { filter: { regionCode: '990103' } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await call(linjiangLeader, PROJECT, { id: chengnan.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const helpedByUnit = new Set((await subgraph.dataSource.getRepository(ProjectHelpMember).findBy({ memberId: HELP_UNIT })).map((m) => m.projectId));
      expect(helpedByUnit.has(helped.id)).toBe(true);
      expect((await list(unitHandler, null)).nodes.map((n) => n.id)).toEqual(newest((p) => helpedByUnit.has(p.id) && p.regionCode.startsWith('990102')));
      expect((await call(unitHandler, PROJECT, { id: linjiang.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await ok(unitHandler, PROJECT, { id: helped.id })).id).toBe(helped.id);
    });
  });

  it('shows a unit operator the enterprise of a project its unit helps, and no more of the registry', async () => {
    const registered = await register({ creditCode: newCreditCode(), name: '江湾市临江帮扶对象有限公司' });
    const enterprise = registered.data.registerEnterprise;
    const helped = await newProject({ enterpriseId: enterprise.id, helpTeam: [{ unitId: HELP_UNIT }] });
    const PROJECT_ENTERPRISE = `query($id: ID!) { project(id: $id) { id enterprise { id name } } }`;
    expect(await ok(unitHandler, PROJECT_ENTERPRISE, { id: helped.id })).toEqual({ id: helped.id, enterprise: { id: enterprise.id, name: '江湾市临江帮扶对象有限公司' } });
    // Through the project only: by id, in the list, and as an entity the enterprise stays refused.
    expect((await call(unitHandler, ENTERPRISE, { id: enterprise.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const listed = await call(unitHandler, `{ enterprises(first: 100) { totalCount edges { node { id } } } }`);
    expect(listed.data.enterprises.edges.map((e: any) => e.node.id)).not.toContain(enterprise.id);
    const entity = await call(unitHandler, `query($id: ID!) { _entities(representations: [{ __typename: "Enterprise", id: $id }]) { ... on Enterprise { name } } }`, { id: enterprise.id });
    expect(entity.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Another unit's operator gets neither the project nor its enterprise.
    const otherUnit: Caller = { ...unitHandler, id: 'handler-2', unitId: randomUUID() };
    expect((await call(otherUnit, PROJECT_ENTERPRISE, { id: helped.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  describe('ambassadors and coverage', () => {
    const CITY = randomUUID();
    const COUNTY = randomUUID();
    const TOWN = randomUUID();

    it('validates an assignment: the level of the area, the area containing the enterprise, the caller’s scope, no duplicate', async () => {
      const enterprise = (await register({ creditCode: newCreditCode(), regionCode: '990102002', isKey: true })).data.registerEnterprise;
      const assign = (input: Record<string, unknown>, caller = cityAmbassador) => call(caller, ASSIGN, { input: { personId: TOWN, enterpriseId: enterprise.id, ...input } });
      for (const [input, field] of [
        [{ level: 'TOWN', regionCode: '990102' }, 'regionCode'],
        [{ level: 'COUNTY', regionCode: '990102002' }, 'regionCode'],
        [{ level: 'TOWN', regionCode: '990102001' }, 'regionCode'],
        [{ level: 'COUNTY', regionCode: '990103' }, 'regionCode'],
        [{ level: 'TOWN', regionCode: '990102002', personId: 'someone' }, 'personId'],
        [{ level: 'TOWN', regionCode: '990102002', projectId: randomUUID() }, 'enterpriseId'],
      ] as const) {
        const result = await assign(input);
        expect(result.errors?.[0].extensions, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
      // A district caller cannot name a city-level ambassador: the city is not theirs to arrange.
      expect((await assign({ level: 'CITY', regionCode: '990100', personId: CITY }, linjiangAmbassador)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await assign({ level: 'COUNTY', regionCode: '990102', personId: COUNTY }, linjiangLeader)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const assigned = (await assign({ level: 'TOWN', regionCode: '990102002' }, linjiangAmbassador)).data.assignAmbassador;
      expect(assigned).toMatchObject({ level: 'TOWN', until: null, person: { id: TOWN }, region: { code: '990102002' }, enterprise: { id: enterprise.id }, project: null });
      expect((await assign({ level: 'TOWN', regionCode: '990102002' })).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'personId' });
      expect((await ok(linjiangLeader, ENTERPRISE, { id: enterprise.id })).ambassadors).toEqual([{ level: 'TOWN', person: { id: TOWN }, region: { code: '990102002' } }]);
    });

    it('lists key enterprises and key projects missing an ambassador at any level from the city down to theirs, and counts coverage', async () => {
      const code = '990102003';
      const town = (await register({ creditCode: newCreditCode(), regionCode: code, isKey: true })).data.registerEnterprise;
      await register({ creditCode: newCreditCode(), regionCode: code, isKey: false });
      const project = await newProject({ regionCode: code, isKey: true });
      await newProject({ regionCode: code, isKey: false });
      const coverage = async () => ok(linjiangLeader, COVERAGE, { code });
      const gapsOf = (c: any) => ({
        enterprises: c.enterpriseGaps.edges.map((e: any) => [e.node.enterprise.id, e.node.missingLevels]),
        projects: c.projectGaps.edges.map((e: any) => [e.node.project.id, e.node.missingLevels]),
      });
      let c = await coverage();
      expect(c).toMatchObject({ keyEnterprises: 1, coveredKeyEnterprises: 0, keyProjects: 1, coveredKeyProjects: 0 });
      expect(gapsOf(c)).toEqual({ enterprises: [[town.id, ['CITY', 'COUNTY', 'TOWN']]], projects: [[project.id, ['CITY', 'COUNTY', 'TOWN']]] });

      await ok(cityAmbassador, ASSIGN, { input: { personId: CITY, level: 'CITY', regionCode: '990100', enterpriseId: town.id } });
      await ok(linjiangAmbassador, ASSIGN, { input: { personId: COUNTY, level: 'COUNTY', regionCode: '990102', enterpriseId: town.id } });
      c = await coverage();
      expect(gapsOf(c).enterprises).toEqual([[town.id, ['TOWN']]]);
      const townLevel = await ok(linjiangAmbassador, ASSIGN, { input: { personId: TOWN, level: 'TOWN', regionCode: code, enterpriseId: town.id } });
      for (const [level, regionCode, personId] of [['CITY', '990100', CITY], ['COUNTY', '990102', COUNTY], ['TOWN', code, TOWN]]) {
        await ok(cityAmbassador, ASSIGN, { input: { personId, level, regionCode, projectId: project.id } });
      }
      c = await coverage();
      expect(c).toMatchObject({ keyEnterprises: 1, coveredKeyEnterprises: 1, keyProjects: 1, coveredKeyProjects: 1 });
      expect(gapsOf(c)).toEqual({ enterprises: [], projects: [] });

      // Ending an assignment opens the gap again, and the assignment keeps its history.
      const ended = await ok(linjiangAmbassador, END, { id: townLevel.id });
      expect(ended.until).not.toBeNull();
      expect((await call(linjiangAmbassador, END, { id: townLevel.id })).errors?.[0].extensions?.code).toBe('CONFLICT');
      c = await coverage();
      expect(gapsOf(c).enterprises).toEqual([[town.id, ['TOWN']]]);
      // The same counts reach the region's statistics.
      const stats = (await ok(linjiangLeader, STATS, { code }))[0].serviceStats;
      expect(stats).toMatchObject({ keyEnterprises: 1, coveredKeyEnterprises: 0, keyProjects: 1, coveredKeyProjects: 1 });
      expect(stats.projectsByStage).toEqual([
        { stage: 'RESERVE', count: 2 },
        { stage: 'NEGOTIATION', count: 0 },
        { stage: 'KEY_PROJECT_HELP', count: 0 },
        { stage: 'OPERATING_HELP', count: 0 },
      ]);
      expect((await call(linjiangLeader, COVERAGE, { code: '990103' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });

    it('ends assignments whose area no longer contains an enterprise that moved, and keeps the others', async () => {
      const enterprise = (await register({ creditCode: newCreditCode(), regionCode: '990102004', isKey: true })).data.registerEnterprise;
      await ok(cityAmbassador, ASSIGN, { input: { personId: COUNTY, level: 'COUNTY', regionCode: '990102', enterpriseId: enterprise.id } });
      await ok(cityAmbassador, ASSIGN, { input: { personId: TOWN, level: 'TOWN', regionCode: '990102004', enterpriseId: enterprise.id } });
      await ok(cityAmbassador, UPDATE, { input: { id: enterprise.id, expectedVersion: 1, regionCode: '990102005' } });
      expect((await ok(cityAmbassador, ENTERPRISE, { id: enterprise.id })).ambassadors).toEqual([{ level: 'COUNTY', person: { id: COUNTY }, region: { code: '990102' } }]);
    });

    it('assigns leaders to key enterprises only', async () => {
      const plain = (await register({ creditCode: newCreditCode(), isKey: false })).data.registerEnterprise;
      const key = (await register({ creditCode: newCreditCode(), isKey: true })).data.registerEnterprise;
      const leader = randomUUID();
      expect((await call(cityAmbassador, LEADER, { input: { leaderId: leader, enterpriseId: plain.id } })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'enterpriseId' });
      expect(await ok(cityAmbassador, LEADER, { input: { leaderId: leader, enterpriseId: key.id } })).toMatchObject({ leader: { id: leader }, enterprise: { id: key.id } });
      expect((await call(cityAmbassador, LEADER, { input: { leaderId: leader, enterpriseId: key.id } })).errors?.[0].extensions?.code).toBe('CONFLICT');
      expect((await ok(linjiangLeader, ENTERPRISE, { id: key.id })).leaderContacts).toEqual([{ leader: { id: leader } }]);
    });
  });
});
