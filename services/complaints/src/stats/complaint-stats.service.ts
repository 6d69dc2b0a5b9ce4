import { Permission, requireCaller, requireItem, requireListScope, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { DispatchStatus, OPEN_STATUSES } from '@bizenv/common/closed-loop';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { subtreePrefix } from '@bizenv/common/region-code';
import { requireRegionCode, requireUuid } from '@bizenv/common/validate';
import type { DataSource } from 'typeorm';
import { ComplaintCategory } from '../complaint/complaint-enums.js';
import type { ComplaintStats } from '../complaint/complaint-stats.js';
import { Complaint } from '../complaint/complaint.entity.js';
import { rankUnits, type RankedUnit } from './complaint-ranking.js';
import { FACT, MERGED, NO_UNIT, type Measure } from './stat-tally.js';
import type { CategoryCount, ComplaintRates, RankingOrder, StatsScope } from './stats-types.js';

export const MAX_RANKING = 100;

/** ComplaintStats with what it covers, for the fields computed on demand. */
export type ScopedStats = ComplaintStats & { scope: StatsScope };

interface TallyRow {
  category: ComplaintCategory;
  measure: Measure;
  count: number;
}

const STATUSES = new Set<string>(Object.values(DispatchStatus));
const ratio = (part: number, whole: number) => (whole ? part / whole : null);

/**
 * Statistics beyond the region totals: per lead unit, per category, the rates, and the unit
 * ranking. All read `complaint_stat_tally` (rows per region, unit, category and measure) and,
 * for what depends on the time (overdue), the deadline index; never every complaint.
 */
export class ComplaintStatsService {
  private readonly tallies = new WeakMap<object, Promise<TallyRow[]>>();

  constructor(private readonly dataSource: DataSource) {}

  /** One unit's complaints (as lead unit) within a region subtree, the caller's own by default. */
  async unitStats(caller: Caller | null, unitId: string, regionCode?: string | null): Promise<ScopedStats> {
    requireUuid(unitId, 'unitId', '承办单位');
    const region = regionCode == null ? requireCaller(caller).regionCode : requireRegionCode(regionCode);
    // One unit's counts are its row of the ranking: a unit operator may see only their own.
    requireItem(caller, Permission.STATS_READ, { regionCode: region, unitId });
    const scope = { regionCode: region, unitId };
    const rows = await this.readTally(scope);
    const counts = sumBy(rows, (row) => row.measure);
    const byDispatchStatus = Object.values(DispatchStatus).map((status) => ({ status, count: counts.get(status) ?? 0 }));
    const total = byDispatchStatus.reduce((sum, entry) => sum + entry.count, 0);
    const stats = { total, open: total - (counts.get(DispatchStatus.CLOSED) ?? 0), overdue: (await this.overdueByUnit(scope)).get(unitId) ?? 0, byDispatchStatus, scope };
    this.tallies.set(stats, Promise.resolve(rows));
    return stats;
  }

  /** 受理数 per category (every category, zero or not). */
  async byCategory(stats: ScopedStats): Promise<CategoryCount[]> {
    const counts = sumBy(
      (await this.tallyOf(stats)).filter((row) => STATUSES.has(row.measure)),
      (row) => row.category,
    );
    return Object.values(ComplaintCategory).map((category) => ({ category, count: counts.get(category) ?? 0 }));
  }

  /** Duplicates merged into other complaints: counted in no other figure. */
  async merged(stats: ScopedStats): Promise<number> {
    return sumBy(await this.tallyOf(stats), (row) => row.measure).get(MERGED) ?? 0;
  }

  async rates(stats: ScopedStats): Promise<ComplaintRates> {
    const counts = sumBy(await this.tallyOf(stats), (row) => row.measure);
    const count = (measure: Measure) => counts.get(measure) ?? 0;
    const closed = count(DispatchStatus.CLOSED);
    return {
      replied: count(FACT.REPLY),
      repliedOnTime: count(FACT.REPLY_ON_TIME),
      responseRate: ratio(count(FACT.REPLY_ON_TIME), count(FACT.REPLY)),
      closed,
      resolutionRate: ratio(closed, stats.total),
      rated: count(FACT.RATING),
      satisfied: count(FACT.SATISFIED),
      satisfactionRate: ratio(count(FACT.SATISFIED), count(FACT.RATING)),
      closedOnTime: count(FACT.CLOSE_ON_TIME),
      onTimeRate: ratio(count(FACT.CLOSE_ON_TIME), closed + stats.overdue),
    };
  }

  /**
   * Lead units of the region's complaints ranked by smoothed overdue rate (see `rankUnits`).
   * Only complaints located in the region count, so nothing outside the caller's scope shows.
   * The ranking is over all units of the region; a unit operator is shown their own unit's row.
   */
  async ranking(caller: Caller | null, regionCode: string, first: number, order: RankingOrder): Promise<RankedUnit[]> {
    requireRegionCode(regionCode);
    const own = requireListScope(caller, Permission.STATS_READ, regionCode).unitId;
    if (!Number.isInteger(first) || first < 1 || first > MAX_RANKING) {
      throw new DomainError(ErrorCode.BadUserInput, `条数应为1到${MAX_RANKING}之间的整数`, { field: 'first' });
    }
    const scope = { regionCode };
    const rows: { unitId: string; measure: Measure; count: string | number }[] = await this.dataSource
      .createQueryBuilder()
      .select('t.unitId', 'unitId')
      .addSelect('t.measure', 'measure')
      .addSelect('SUM(t.count)', 'count')
      .from('complaint_stat_tally', 't')
      .where('t.regionCode LIKE :prefix', { prefix: prefixOf(scope) })
      .andWhere('t.unitId <> :none', { none: NO_UNIT })
      .andWhere('t.measure IN (:...measures)', { measures: [...STATUSES, FACT.CLOSE_ON_TIME] })
      .groupBy('t.unitId')
      .addGroupBy('t.measure')
      .getRawMany();
    const overdueOpen = await this.overdueByUnit(scope);
    const units = new Map<string, { handled: number; closed: number; onTime: number }>();
    for (const row of rows) {
      const unit = units.get(row.unitId) ?? { handled: 0, closed: 0, onTime: 0 };
      const count = Number(row.count);
      if (row.measure === FACT.CLOSE_ON_TIME) unit.onTime += count;
      else unit.handled += count;
      if (row.measure === DispatchStatus.CLOSED) unit.closed += count;
      units.set(row.unitId, unit);
    }
    const ranked = rankUnits(
      [...units].map(([unitId, u]) => {
        const open = overdueOpen.get(unitId) ?? 0;
        return { unitId, handled: u.handled, overdueOpen: open, overdue: open + Math.max(0, u.closed - u.onTime) };
      }),
    );
    const ordered = order === 'WORST_FIRST' ? [...ranked.filter((u) => u.rank !== null).reverse(), ...ranked.filter((u) => u.rank === null)] : ranked;
    return own ? ordered.filter((unit) => unit.unitId === own) : ordered.slice(0, first);
  }

  /** The tally behind a stats object, read once however many of its fields are asked for. */
  private tallyOf(stats: ScopedStats): Promise<TallyRow[]> {
    let rows = this.tallies.get(stats);
    if (!rows) {
      rows = this.readTally(stats.scope);
      this.tallies.set(stats, rows);
    }
    return rows;
  }

  private async readTally(scope: StatsScope): Promise<TallyRow[]> {
    const query = this.dataSource
      .createQueryBuilder()
      .select('t.category', 'category')
      .addSelect('t.measure', 'measure')
      .addSelect('SUM(t.count)', 'count')
      .from('complaint_stat_tally', 't')
      .where('t.regionCode LIKE :prefix', { prefix: prefixOf(scope) })
      .groupBy('t.category')
      .addGroupBy('t.measure');
    if (scope.unitId) query.andWhere('t.unitId = :unitId', { unitId: scope.unitId });
    const rows: { category: ComplaintCategory; measure: Measure; count: string | number }[] = await query.getRawMany();
    return rows.map((row) => ({ ...row, count: Number(row.count) }));
  }

  /** Open complaints past their deadline per lead unit, from the deadline index. */
  private async overdueByUnit(scope: StatsScope): Promise<Map<string, number>> {
    const query = this.dataSource
      .getRepository(Complaint)
      .createQueryBuilder('c')
      .select('c.unitId', 'unitId')
      .addSelect('COUNT(*)', 'count')
      .where('c.dueAt < :now', { now: now() })
      .andWhere('c.dispatchStatus IN (:...open)', { open: OPEN_STATUSES })
      .andWhere('c.regionCode LIKE :prefix', { prefix: prefixOf(scope) })
      .groupBy('c.unitId');
    if (scope.unitId) query.andWhere('c.unitId = :unitId', { unitId: scope.unitId });
    else query.andWhere('c.unitId IS NOT NULL');
    const rows: { unitId: string; count: string | number }[] = await query.getRawMany();
    return new Map(rows.map((row) => [row.unitId, Number(row.count)]));
  }
}

function prefixOf(scope: StatsScope): string {
  return `${subtreePrefix(scope.regionCode)}%`;
}

function sumBy<K>(rows: readonly TallyRow[], key: (row: TallyRow) => K): Map<K, number> {
  const sums = new Map<K, number>();
  for (const row of rows) sums.set(key(row), (sums.get(key(row)) ?? 0) + row.count);
  return sums;
}
