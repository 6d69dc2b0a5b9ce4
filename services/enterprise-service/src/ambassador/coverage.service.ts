import { Permission, requireListScope, type Caller, type ListScope } from '@bizenv/common/auth';
import { paginate, type Page, type PageArgs } from '@bizenv/common/connection';
import { subtreePrefix } from '@bizenv/common/region-code';
import { requireRegionCode } from '@bizenv/common/validate';
import { In, IsNull, type DataSource, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { ENTERPRISE_ORDER } from '../enterprise/enterprise.service.js';
import { HelpMemberKind } from '../project/project-help-member.entity.js';
import { Project } from '../project/project.entity.js';
import { PROJECT_ORDER } from '../project/project.service.js';
import { AmbassadorAssignment } from './ambassador-assignment.entity.js';
import { AMBASSADOR_LEVELS, levelRequiredSql, requiredLevels, type AmbassadorLevel } from './ambassador-level.js';
import type { AmbassadorCoverage, EnterpriseCoverageGap, ProjectCoverageGap } from './coverage.js';

type Target = 'enterpriseId' | 'projectId';

/** Rows (alias `alias`) lacking an active ambassador at some level they need: `requiredLevels` in SQL. */
function gapCondition(alias: string, target: Target): string {
  const missing = AMBASSADOR_LEVELS.map(
    (level) =>
      `(${levelRequiredSql(level, `${alias}.regionCode`)} AND NOT EXISTS (SELECT 1 FROM ambassador_assignment aa WHERE aa.${target} = ${alias}.id AND aa.level = '${level}' AND aa.until IS NULL))`,
  );
  return `(${missing.join(' OR ')})`;
}

/** Which key enterprises and key projects lack an ambassador at their levels, counted with indexed queries. */
export class CoverageService {
  constructor(private readonly dataSource: DataSource) {}

  /** The caller's coverage for a region subtree (their own if none given). */
  coverage(caller: Caller | null, regionCode: string | null | undefined): Promise<AmbassadorCoverage> {
    if (regionCode != null) requireRegionCode(regionCode, 'regionCode');
    return this.counts(requireListScope(caller, Permission.ENTERPRISE_READ, regionCode));
  }

  /** Unchecked: the caller has been allowed `scope`. */
  async counts(scope: ListScope): Promise<AmbassadorCoverage> {
    const [keyEnterprises, enterpriseGaps, keyProjects, projectGaps] = await Promise.all([
      this.keyEnterprises(scope).getCount(),
      this.keyEnterprises(scope).andWhere(gapCondition('e', 'enterpriseId')).getCount(),
      this.keyProjects(scope).getCount(),
      this.keyProjects(scope).andWhere(gapCondition('p', 'projectId')).getCount(),
    ]);
    return {
      ...scope,
      keyEnterprises,
      coveredKeyEnterprises: keyEnterprises - enterpriseGaps,
      keyProjects,
      coveredKeyProjects: keyProjects - projectGaps,
    };
  }

  /** By credit code. */
  async enterpriseGaps(scope: ListScope, page: PageArgs): Promise<Page<EnterpriseCoverageGap>> {
    const found = await paginate(this.keyEnterprises(scope).andWhere(gapCondition('e', 'enterpriseId')), ENTERPRISE_ORDER, page);
    const missing = await this.missingLevels('enterpriseId', found.edges.map((edge) => edge.node));
    return { ...found, edges: found.edges.map(({ cursor, node }) => ({ cursor, node: { enterprise: node, missingLevels: missing.get(node.id)! } })) };
  }

  /** Newest first, as the project list. */
  async projectGaps(scope: ListScope, page: PageArgs): Promise<Page<ProjectCoverageGap>> {
    const found = await paginate(this.keyProjects(scope).andWhere(gapCondition('p', 'projectId')), PROJECT_ORDER, page);
    const missing = await this.missingLevels('projectId', found.edges.map((edge) => edge.node));
    return { ...found, edges: found.edges.map(({ cursor, node }) => ({ cursor, node: { project: node, missingLevels: missing.get(node.id)! } })) };
  }

  private keyEnterprises(scope: ListScope): SelectQueryBuilder<Enterprise> {
    const query = this.inScope(this.dataSource.getRepository(Enterprise).createQueryBuilder('e'), 'e', scope);
    if (scope.unitId) query.andWhere('EXISTS (SELECT 1 FROM demand d WHERE d.unitId = :ownUnit AND d.enterpriseId = e.id)', { ownUnit: scope.unitId });
    return query;
  }

  private keyProjects(scope: ListScope): SelectQueryBuilder<Project> {
    const query = this.inScope(this.dataSource.getRepository(Project).createQueryBuilder('p'), 'p', scope);
    if (scope.unitId) {
      query.andWhere('EXISTS (SELECT 1 FROM project_help_member m WHERE m.projectId = p.id AND m.memberKind = :unitKind AND m.memberId = :ownUnit)', {
        unitKind: HelpMemberKind.UNIT,
        ownUnit: scope.unitId,
      });
    }
    return query;
  }

  private inScope<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, alias: string, scope: ListScope): SelectQueryBuilder<T> {
    return query.where(`${alias}.isKey = :isKey`, { isKey: true }).andWhere(`${alias}.regionCode LIKE :prefix`, { prefix: `${subtreePrefix(scope.regionCode)}%` });
  }

  /** For each row, the levels it needs and has no active ambassador at. */
  private async missingLevels(target: Target, rows: { id: string; regionCode: string }[]): Promise<Map<string, AmbassadorLevel[]>> {
    const held = new Map<string, Set<AmbassadorLevel>>(rows.map((row) => [row.id, new Set()]));
    if (rows.length) {
      const active = await this.dataSource.getRepository(AmbassadorAssignment).find({ where: { [target]: In(rows.map((row) => row.id)), until: IsNull() } });
      for (const assignment of active) held.get(assignment[target]!)?.add(assignment.level);
    }
    return new Map(rows.map((row) => [row.id, requiredLevels(row.regionCode).filter((level) => !held.get(row.id)!.has(level))]));
  }
}
