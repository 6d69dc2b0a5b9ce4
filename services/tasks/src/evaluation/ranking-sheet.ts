import type { CellValue, SheetColumn } from '@bizenv/common/spreadsheet';
import type { UnitEvaluation } from './evaluation-types.js';

/** 考评排名 as a sheet, one row per unit in rank order. */
export const RANKING_COLUMNS = [
  { key: 'rank', header: '名次', width: 6 },
  { key: 'unit', header: '单位', width: 30 },
  { key: 'score', header: '得分（%）', width: 10 },
  { key: 'onTimeRate', header: '按期完成率（%）', width: 14 },
  { key: 'completionRate', header: '完成率（%）', width: 10 },
  { key: 'tasks', header: '督办任务数', width: 10 },
  { key: 'tasksOnTime', header: '任务按期完成', width: 12 },
  { key: 'tasksOverdue', header: '任务超期未完成', width: 14 },
  { key: 'problems', header: '整改问题数', width: 10 },
  { key: 'problemsOnTime', header: '问题按期销号', width: 12 },
  { key: 'problemsOverdue', header: '问题超期未销号', width: 14 },
  { key: 'focus', header: '整治重点', width: 8 },
  { key: 'eligible', header: '可评一、二等奖', width: 12 },
  { key: 'unitId', header: '单位编号', width: 38 },
] as const satisfies readonly SheetColumn[];

type RankingKey = (typeof RANKING_COLUMNS)[number]['key'];

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

export function rankingRow(unit: UnitEvaluation, unitNames: ReadonlyMap<string, string>): Record<RankingKey, CellValue> {
  return {
    rank: unit.rank,
    unit: unitNames.get(unit.unit.id) ?? unit.unit.id,
    score: percent(unit.score),
    onTimeRate: percent(unit.onTimeRate),
    completionRate: percent(unit.completionRate),
    tasks: unit.tasks.total,
    tasksOnTime: unit.tasks.closedOnTime,
    tasksOverdue: unit.tasks.openOverdue,
    problems: unit.problems.total,
    problemsOnTime: unit.problems.closedOnTime,
    problemsOverdue: unit.problems.openOverdue,
    focus: unit.focus ? '是' : '否',
    eligible: unit.eligibleForTopPrize ? '是' : '否',
    unitId: unit.unit.id,
  };
}
