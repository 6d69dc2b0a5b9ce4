import { now } from '@bizenv/common/clock';
import { inTransaction } from '@bizenv/common/data-source';
import { DEMO_CITY_CODE, demoAccountPersonId } from '@bizenv/common/demo-city';
import { isWithin } from '@bizenv/common/region-code';
import { seededRandom } from '@bizenv/common/seeded-random';
import { stableId } from '@bizenv/common/stable-id';
import type { DataSource, EntityManager } from 'typeorm';
import { AmbassadorAssignment } from './ambassador/ambassador-assignment.entity.js';
import { AmbassadorLevel } from './ambassador/ambassador-level.js';
import { LeaderContact } from './ambassador/leader-contact.entity.js';
import { DemandSource } from './demand/demand-source.js';
import { Demand } from './demand/demand.entity.js';
import { EnterpriseScale, IndustrySection } from './enterprise/enterprise-enums.js';
import { Enterprise } from './enterprise/enterprise.entity.js';
import { HelpMemberKind, ProjectHelpMember } from './project/project-help-member.entity.js';
import { ProjectStage } from './project/project-stage.js';
import { ProjectStageChange } from './project/project-stage-change.entity.js';
import { Project } from './project/project.entity.js';
import { MONITORING_REPORTS, PROJECT_NAMES, VISIT_NOTES } from './seed-names.js';
import { VisitVisitor } from './visit/visit-visitor.entity.js';
import { Visit } from './visit/visit.entity.js';

const DAY_MS = 86_400_000;
const PROJECTS = 24;
const QUIET_VISITS = 18;
const LINJIANG = '990102';
const JIANGBIN = '990102001';

type Random = ReturnType<typeof seededRandom>;

/** The three demo ambassador accounts, each at its level and area (README: demo accounts). */
const AMBASSADORS = [
  { username: 'ambassador', name: '市级服务大使', level: AmbassadorLevel.CITY, regionCode: DEMO_CITY_CODE },
  { username: 'linjiang.ambassador', name: '临江区服务大使', level: AmbassadorLevel.COUNTY, regionCode: LINJIANG },
  { username: 'jiangbin.ambassador', name: '江滨街道服务大使', level: AmbassadorLevel.TOWN, regionCode: JIANGBIN },
].map((a) => ({ ...a, personId: demoAccountPersonId(a.username) }));
const ADMIN = { id: demoAccountPersonId('admin'), name: '系统管理员' };

/** The ambassadors whose area contains `regionCode`, city first. */
const ambassadorsOf = (regionCode: string) => AMBASSADORS.filter((a) => isWithin(regionCode, a.regionCode));

/** Industry, scale and flags for the registry; mostly manufacturing, as in the plans' parks. */
function attributes(random: Random, enterprise: Enterprise, firstInJiangbin: boolean): Partial<Enterprise> {
  const industry = random.weighted<IndustrySection>({ C: 40, I: 10, F: 10, G: 9, M: 8, E: 7, A: 5, L: 4, K: 3, H: 4 } as Record<IndustrySection, number>);
  const scale = enterprise.isKey
    ? random.weighted<EnterpriseScale>({ LARGE: 4, MEDIUM: 5, SMALL: 1, MICRO: 0 })
    : random.weighted<EnterpriseScale>({ LARGE: 1, MEDIUM: 4, SMALL: 9, MICRO: 8 });
  const small = scale === EnterpriseScale.SMALL || scale === EnterpriseScale.MICRO;
  return {
    industry,
    scale,
    // Jiangbin's first enterprise is a monitoring point, so the town ambassador's demo has one.
    isMonitoringPoint: firstInJiangbin || random.next() < 0.12,
    inIncubationPool: small && random.next() < 0.3,
  };
}

/** Projects in all four stages, each with its history from 项目储备 (one sent back once, with a reason). */
function seedProjects(random: Random, enterprises: Enterprise[], at: number) {
  const projects: Project[] = [];
  const history: Omit<ProjectStageChange, 'id'>[] = [];
  const helpTeam: ProjectHelpMember[] = [];
  const stages = Object.values(ProjectStage);
  const actor = { actorId: AMBASSADORS[0].personId, actorName: AMBASSADORS[0].name };
  for (let i = 0; i < PROJECTS; i++) {
    // Linjiang's enterprises first, so the district and town demo accounts have projects to help.
    const enterprise = i < 8 ? enterprises.filter((e) => isWithin(e.regionCode, LINJIANG))[i % 5] : random.pick(enterprises);
    const target = stages[i % stages.length];
    const id = stableId(`project:${i}`);
    let time = at - (150 + Math.floor(random.next() * 90)) * DAY_MS;
    const move = (fromStage: ProjectStage | null, toStage: ProjectStage, reason: string | null = null) => {
      history.push({ projectId: id, fromStage, toStage, reason, ...actor, at: new Date(time) });
      time += (10 + Math.floor(random.next() * 25)) * DAY_MS;
    };
    const createdAt = new Date(time);
    move(null, ProjectStage.RESERVE);
    for (let s = 1; s <= stages.indexOf(target); s++) move(stages[s - 1], stages[s]);
    if (i === 6) {
      // 重点项目精准帮扶 → back to 项目洽谈 and forward again: stages move both ways.
      move(ProjectStage.KEY_PROJECT_HELP, ProjectStage.NEGOTIATION, '用地指标尚未落实，退回洽谈阶段重新协调');
      move(ProjectStage.NEGOTIATION, ProjectStage.KEY_PROJECT_HELP);
    }
    const last = history.at(-1)!;
    projects.push({
      id,
      name: `${enterprise.name.replace(/(股份)?有限(责任)?公司$/, '')}${random.pick(PROJECT_NAMES)}`,
      regionCode: enterprise.regionCode,
      enterpriseId: enterprise.id,
      stage: target,
      // Whole hundreds of 元: amounts such as 12,345.67 万元.
      investmentYuan: (500_000 + Math.floor(random.next() * 4_000_000)) * 100,
      isKey: target === ProjectStage.KEY_PROJECT_HELP || random.next() < 0.25,
      createdAt,
      stageChangedAt: last.at,
      version: history.filter((h) => h.projectId === id).length,
    });
    const team = ambassadorsOf(enterprise.regionCode).map((a, n) => ({ projectId: id, memberKind: HelpMemberKind.PERSON, memberId: a.personId, duty: n === 0 ? '组长' : '联络员' }));
    team.push({ projectId: id, memberKind: HelpMemberKind.UNIT, memberId: stableId('city-commerce'), duty: '牵头单位' });
    team.push({ projectId: id, memberKind: HelpMemberKind.UNIT, memberId: stableId(`${enterprise.regionCode.slice(0, 6)}-gov-data`), duty: '配合单位' });
    helpTeam.push(...team);
  }
  return { projects, history, helpTeam };
}

/**
 * Every key enterprise and key project gets the ambassadors whose area contains it — except one
 * of Jiangbin's key enterprises, left without its town ambassador: a coverage gap to show.
 * Only Jiangbin has all three levels in the demo city, so elsewhere county and town levels are gaps.
 */
function seedAssignments(enterprises: Enterprise[], projects: Project[], at: number): AmbassadorAssignment[] {
  const since = new Date(at - 90 * DAY_MS);
  const gap = enterprises.find((e) => e.isKey && e.regionCode === JIANGBIN);
  const targets = [
    ...enterprises.filter((e) => e.isKey).map((e) => ({ enterpriseId: e.id, projectId: null, regionCode: e.regionCode, key: `enterprise:${e.id}` })),
    ...projects.filter((p) => p.isKey).map((p) => ({ enterpriseId: null, projectId: p.id, regionCode: p.regionCode, key: `project:${p.id}` })),
  ];
  return targets.flatMap((target) =>
    ambassadorsOf(target.regionCode)
      .filter((a) => !(target.enterpriseId === gap?.id && a.level === AmbassadorLevel.TOWN))
      .map((a) => ({
        id: stableId(`ambassador:${a.username}:${target.key}`),
        personId: a.personId,
        level: a.level,
        regionCode: a.regionCode,
        enterpriseId: target.enterpriseId,
        projectId: target.projectId,
        targetRegionCode: target.regionCode,
        since,
        until: null,
        assignedById: ADMIN.id,
        assignedByName: ADMIN.name,
      })),
  );
}

/** 领导挂点: the city leader three key enterprises, the Linjiang leader two of the district's. */
function seedLeaderContacts(enterprises: Enterprise[], at: number): LeaderContact[] {
  const key = enterprises.filter((e) => e.isKey);
  const picks = [
    ...key.filter((e) => !isWithin(e.regionCode, LINJIANG)).slice(0, 3).map((e) => ({ leader: 'city.leader', enterprise: e })),
    ...key.filter((e) => isWithin(e.regionCode, LINJIANG)).slice(0, 2).map((e) => ({ leader: 'linjiang.leader', enterprise: e })),
  ];
  return picks.map(({ leader, enterprise }) => ({
    id: stableId(`leader-contact:${leader}:${enterprise.id}`),
    leaderId: demoAccountPersonId(leader),
    enterpriseId: enterprise.id,
    regionCode: enterprise.regionCode,
    since: new Date(at - 120 * DAY_MS),
    until: null,
    assignedById: ADMIN.id,
    assignedByName: ADMIN.name,
  }));
}

/**
 * Visits: every seeded demand of Linjiang and a third of the others were raised on a visit (the
 * visit is when the demand was raised, by the ambassadors of its area); more visits raised none.
 */
function seedVisits(random: Random, enterprises: Enterprise[], demands: Demand[], at: number) {
  const visits: Visit[] = [];
  const visitors: VisitVisitor[] = [];
  const raisedIn = new Map<string, string>();
  const add = (key: string, enterprise: Enterprise, visitedAt: Date) => {
    const id = stableId(`visit:${key}`);
    const people = ambassadorsOf(enterprise.regionCode);
    const recorder = people.at(-1)!;
    visits.push({ id, enterpriseId: enterprise.id, regionCode: enterprise.regionCode, visitedAt, notes: random.pick(VISIT_NOTES), recordedById: recorder.personId, recordedByName: recorder.name, recordedAt: visitedAt });
    visitors.push(...people.map((p) => ({ visitId: id, personId: p.personId })));
    return id;
  };
  const byId = new Map(enterprises.map((e) => [e.id, e]));
  demands.forEach((demand, i) => {
    if (isWithin(demand.regionCode, LINJIANG) || i % 3 === 0) raisedIn.set(demand.id, add(`demand:${demand.id}`, byId.get(demand.enterpriseId)!, demand.raisedAt));
  });
  const linjiang = enterprises.filter((e) => isWithin(e.regionCode, LINJIANG));
  for (let i = 0; i < QUIET_VISITS; i++) {
    const enterprise = i % 2 === 0 ? linjiang[i % linjiang.length] : random.pick(enterprises);
    add(`quiet:${i}`, enterprise, new Date(at - Math.floor(random.next() * 75 * DAY_MS)));
  }
  return { visits, visitors, raisedIn };
}

/**
 * The registry beyond the first seed: enterprises' attributes, projects, ambassadors, leaders'
 * contacts, visits and 随手拍. Runs once, on a database the first seed filled (also one seeded
 * before this existed); deterministic apart from times, which follow the clock.
 */
export async function seedServiceRegistry(dataSource: DataSource): Promise<void> {
  if (await dataSource.getRepository(Project).count()) return;
  const random = seededRandom(4754);
  const at = now().getTime();
  await inTransaction(dataSource, async (manager) => {
    const enterprises = await manager.find(Enterprise, { order: { creditCode: 'ASC' } });
    const demands = await manager.find(Demand, { order: { raisedAt: 'ASC', id: 'ASC' } });
    if (!enterprises.length) return;
    const firstInJiangbin = enterprises.find((e) => e.regionCode === JIANGBIN);
    for (const enterprise of enterprises) {
      Object.assign(enterprise, attributes(random, enterprise, enterprise === firstInJiangbin));
      const { id, ...changes } = enterprise;
      await manager.update(Enterprise, { id }, changes);
    }
    const { projects, history, helpTeam } = seedProjects(random, enterprises, at);
    await insertAll(manager, Project, projects);
    await insertAll(manager, ProjectStageChange, history);
    await insertAll(manager, ProjectHelpMember, helpTeam);
    await insertAll(manager, AmbassadorAssignment, seedAssignments(enterprises, projects, at));
    await insertAll(manager, LeaderContact, seedLeaderContacts(enterprises, at));
    const { visits, visitors, raisedIn } = seedVisits(random, enterprises, demands, at);
    await insertAll(manager, Visit, visits);
    await insertAll(manager, VisitVisitor, visitors);
    for (const [demandId, visitId] of raisedIn) await manager.update(Demand, { id: demandId }, { source: DemandSource.VISIT, visitId });
    const monitoringPoints = new Set(enterprises.filter((e) => e.isMonitoringPoint).map((e) => e.id));
    const reported = demands.filter((d) => monitoringPoints.has(d.enterpriseId) && !raisedIn.has(d.id)).slice(0, 4);
    for (const [i, demand] of reported.entries()) {
      const report = MONITORING_REPORTS[i % MONITORING_REPORTS.length];
      await manager.update(Demand, { id: demand.id }, { source: DemandSource.MONITORING_POINT, content: report, photos: [`demo-photo:suishoupai-${i + 1}a.jpg`, `demo-photo:suishoupai-${i + 1}b.jpg`] });
    }
  });
}

/**
 * In batches (SQLite limits the variables of one statement), and of copies: after a multi-row
 * insert on sql.js TypeORM writes re-read defaults back into the objects by position, not by
 * id, swapping ids between them (TypeORM 1.1.1) — and the seed goes on using these objects.
 */
async function insertAll<T extends object>(manager: EntityManager, entity: new () => T, rows: T[] | Omit<T, 'id'>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 50) await manager.insert(entity, rows.slice(i, i + 50).map((row) => ({ ...row })) as T[]);
}
