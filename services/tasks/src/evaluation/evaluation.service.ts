import { randomUUID } from 'node:crypto';
import { Permission, requireListScope, requirePermission, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { Outbox } from '@bizenv/common/outbox';
import { subtreePrefix } from '@bizenv/common/region-code';
import { sheetFile } from '@bizenv/common/sheet-file';
import { writeSheet, type SpreadsheetFormat } from '@bizenv/common/spreadsheet';
import { requireRegionCode, requireText, requireUuid } from '@bizenv/common/validate';
import { shanghaiDate } from '@bizenv/common/working-days';
import type { DataSource } from 'typeorm';
import { requireCampaign } from '../ledger/campaign-ref.js';
import { isDay } from '../task/task-deadline.js';
import type { TaskExport, UnitNameInput } from '../task/task-sheet-types.js';
import type { EvaluationScope, MarkFocusUnitInput } from './evaluation-inputs.js';
import { evaluationItems } from './evaluation-items.js';
import type { UnitEvaluationReport, UnitLightsHistory } from './evaluation-types.js';
import { FocusUnit } from './focus-unit.entity.js';
import { lightsByDay } from './lights-history.js';
import { RANKING_COLUMNS, rankingRow } from './ranking-sheet.js';
import { PRIOR_WEIGHT, rankUnits } from './unit-ranking.js';

const DAY_MS = 86_400_000;
const MAX_HISTORY_DAYS = 366;

/** 考评: on-time and completion rates per unit, rankings normalised by load, 整治重点, lights history. */
export class EvaluationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /**
   * Every unit with tasks or problems in the scope (and every 整治重点 unit of it), ranked. The
   * ranking is over all units of the region; a unit operator is shown their own unit's row.
   */
  async rank(caller: Caller | null, input: EvaluationScope): Promise<UnitEvaluationReport> {
    const { regionCode, campaignId } = checkedScope(input);
    const scope = requireListScope(caller, Permission.TASK_READ, regionCode);
    const at = now();
    const [items, flags] = await Promise.all([
      evaluationItems(this.dataSource.manager, { regionCode: scope.regionCode }, campaignId),
      this.focusUnits(scope.regionCode, campaignId),
    ]);
    const reasons = new Map(flags.map((flag) => [flag.unitId, flag.reason]));
    const ranking = rankUnits(items, new Set(reasons.keys()), at);
    const units = ranking.units
      .filter((unit) => !scope.unitId || unit.unitId === scope.unitId)
      .map(({ unitId, ...unit }) => ({ ...unit, unit: { id: unitId }, focusReason: reasons.get(unitId) ?? null }));
    return { regionCode: scope.regionCode, campaignId, at, averageOnTimeRate: ranking.averageOnTimeRate, priorWeight: PRIOR_WEIGHT, units };
  }

  /** 导出考评排名: the ranking as `rank` gives it, as a sheet. */
  async exportRanking(caller: Caller | null, input: EvaluationScope, format: SpreadsheetFormat, units: readonly UnitNameInput[]): Promise<TaskExport> {
    const ranking = await this.rank(caller, input);
    const names = new Map(units.map((unit) => [unit.id, unit.name]));
    const data = await writeSheet(format, '考评排名', RANKING_COLUMNS, ranking.units.map((unit) => rankingRow(unit, names)));
    return sheetFile('考评排名', format, data, ranking.units.length, ranking.at);
  }

  /** Daily light counts per unit from `from` to `to` (days, Asia/Shanghai; at most a year, not after today). */
  async lightsHistory(caller: Caller | null, input: EvaluationScope, from: string, to: string, unitId: string | null): Promise<UnitLightsHistory[]> {
    const { regionCode, campaignId } = checkedScope(input);
    if (unitId !== null) requireUuid(unitId, 'unitId', '单位');
    const at = now();
    const days = dayRange(from, to, shanghaiDate(at));
    const scope = requireListScope(caller, Permission.TASK_READ, regionCode);
    if (scope.unitId && unitId && unitId !== scope.unitId) throw new DomainError(ErrorCode.Forbidden, '仅可查看本单位承办的事项');
    const items = await evaluationItems(this.dataSource.manager, { regionCode: scope.regionCode, unitId: scope.unitId ?? unitId ?? undefined }, campaignId);
    return [...lightsByDay(items, days, at)]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([id, counts]) => ({ unit: { id }, days: counts }));
  }

  /** 列为整治重点: at most once per campaign and unit. */
  async markFocus(caller: Caller | null, input: MarkFocusUnitInput): Promise<FocusUnit> {
    requireRegionCode(input.regionCode);
    const actor = requirePermission(caller, Permission.TASK_WRITE, input.regionCode);
    requireUuid(input.unitId, 'unitId', '单位');
    const flag: FocusUnit = {
      id: randomUUID(),
      campaignId: input.campaignId,
      unitId: input.unitId,
      regionCode: input.regionCode,
      reason: requireText(input.reason, 'reason', '理由', 500),
      flaggedById: actor.id,
      flaggedByName: [...actor.name].slice(0, 100).join(''),
      flaggedAt: now(),
    };
    await requireCampaign(this.dataSource.manager, input.campaignId, input.regionCode);
    await this.outbox.write(async (manager, record) => {
      const existing = await manager.findOneBy(FocusUnit, { campaignId: flag.campaignId, unitId: flag.unitId });
      if (existing) throw new DomainError(ErrorCode.Conflict, '该单位已列为本活动方案的整治重点', { id: existing.id });
      await manager.insert(FocusUnit, flag);
      record({ topic: 'evaluation.focus_marked', regionCode: flag.regionCode, payload: { id: flag.id, unitId: flag.unitId, campaignId: flag.campaignId } });
    });
    return flag;
  }

  /** Takes a unit off the campaign's list (a correction); false when it was not on it. */
  async unmarkFocus(caller: Caller | null, campaignId: string, unitId: string): Promise<boolean> {
    requireUuid(campaignId, 'campaignId', '活动方案');
    requireUuid(unitId, 'unitId', '单位');
    requirePermission(caller, Permission.TASK_WRITE);
    const flag = await this.dataSource.getRepository(FocusUnit).findOneBy({ campaignId, unitId });
    if (!flag) return false;
    requirePermission(caller, Permission.TASK_WRITE, flag.regionCode);
    return this.outbox.write(async (manager, record) => {
      const result = await manager.delete(FocusUnit, { id: flag.id });
      if (result.affected) record({ topic: 'evaluation.focus_unmarked', regionCode: flag.regionCode, payload: { id: flag.id, unitId, campaignId } });
      return Boolean(result.affected);
    });
  }

  /** 整治重点 units of a region's subtree, of one campaign or of any. */
  async listFocus(caller: Caller | null, input: EvaluationScope): Promise<FocusUnit[]> {
    const { regionCode, campaignId } = checkedScope(input);
    const scope = requireListScope(caller, Permission.TASK_READ, regionCode);
    const flags = await this.focusUnits(scope.regionCode, campaignId);
    return flags.filter((flag) => !scope.unitId || flag.unitId === scope.unitId);
  }

  private focusUnits(regionCode: string, campaignId: string | null): Promise<FocusUnit[]> {
    const query = this.dataSource
      .getRepository(FocusUnit)
      .createQueryBuilder('f')
      .where('f.regionCode LIKE :prefix', { prefix: `${subtreePrefix(regionCode)}%` })
      .orderBy('f.flaggedAt', 'ASC')
      .addOrderBy('f.id', 'ASC');
    if (campaignId) query.andWhere('f.campaignId = :campaignId', { campaignId });
    return query.getMany();
  }
}

function checkedScope(input: EvaluationScope): { regionCode: string | null; campaignId: string | null } {
  if (input.regionCode != null) requireRegionCode(input.regionCode, 'scope.regionCode');
  if (input.campaignId != null) requireUuid(input.campaignId, 'scope.campaignId', '活动方案');
  return { regionCode: input.regionCode ?? null, campaignId: input.campaignId ?? null };
}

function dayRange(from: string, to: string, today: string): string[] {
  for (const [value, field] of [[from, 'from'], [to, 'to']] as const) {
    if (!isDay(value)) throw new DomainError(ErrorCode.BadUserInput, '日期应写作 YYYY-MM-DD，如 2026-07-01', { field });
  }
  if (to > today) throw new DomainError(ErrorCode.BadUserInput, '结束日期不能晚于今天', { field: 'to' });
  const count = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
  if (count < 1 || count > MAX_HISTORY_DAYS) {
    throw new DomainError(ErrorCode.BadUserInput, `起止日期应有先后，且至多${MAX_HISTORY_DAYS}天`, { field: 'from' });
  }
  return Array.from({ length: count }, (_, i) => new Date(Date.parse(from) + i * DAY_MS).toISOString().slice(0, 10));
}
