import type { Light } from '@bizenv/common/lights';
import { parseShanghaiTime, type CellValue, type SheetColumn, type SheetRow } from '@bizenv/common/spreadsheet';
import { shanghaiDate } from '@bizenv/common/working-days';
import { DeadlineRule, deadlineText, parseDeadlinePhrase } from './deadline-rule.js';
import type { TaskFields } from './task-draft.js';
import { TargetDirection } from './task-pace.js';
import { TaskStatus } from './task-status.js';
import { UnitRole } from './task-unit.entity.js';
import { unitIdsOf } from './task-units.js';
import type { SupervisedTask } from './task.entity.js';
import type { UnitLookup } from '../unit/unit-directory.js';

/**
 * A campaign's task list as the plans print it: 序号, 任务, 牵头单位, 责任单位, 完成时限, and
 * optionally the special action and a quantified target. Units are named, several per cell
 * separated by 、，; or line breaks.
 */
export const IMPORT_COLUMNS = [
  { key: 'number', header: '序号', required: true, aliases: ['编号'], width: 6 },
  { key: 'title', header: '重点任务', required: true, aliases: ['任务名称', '任务'], width: 40 },
  { key: 'specialAction', header: '专项行动', aliases: ['专项整治'], width: 24 },
  { key: 'leadUnits', header: '牵头单位', required: true, aliases: ['牵头部门'], width: 28 },
  { key: 'coUnits', header: '责任单位', aliases: ['责任部门', '配合单位'], width: 36 },
  { key: 'deadline', header: '完成时限', required: true, aliases: ['时限', '完成时间'], width: 16 },
  { key: 'regionCode', header: '区域代码', aliases: ['行政区划代码', '所属区域代码'], width: 12 },
  { key: 'startsOn', header: '起始日期', width: 12 },
  { key: 'baseline', header: '基数', width: 8 },
  { key: 'target', header: '目标值', width: 8 },
  { key: 'targetUnit', header: '计量单位', width: 8 },
  { key: 'direction', header: '目标方向', width: 8 },
  { key: 'targetText', header: '目标表述', width: 24 },
] as const satisfies readonly SheetColumn[];

export const EXPORT_COLUMNS = [
  ...IMPORT_COLUMNS,
  { key: 'status', header: '状态', width: 8 },
  { key: 'light', header: '亮灯', width: 6 },
  { key: 'latestActual', header: '最新实际值', width: 10 },
  { key: 'behindTarget', header: '落后于目标进度', width: 8 },
] as const satisfies readonly SheetColumn[];

type ImportKey = (typeof IMPORT_COLUMNS)[number]['key'];
type ExportKey = (typeof EXPORT_COLUMNS)[number]['key'];

export const header = (key: ImportKey) => IMPORT_COLUMNS.find((column) => column.key === key)!.header;

/** The column a task field's error belongs to. */
export const FIELD_COLUMNS: Record<string, string> = {
  number: header('number'),
  title: header('title'),
  regionCode: header('regionCode'),
  leadUnitIds: header('leadUnits'),
  responsibleUnitIds: header('coUnits'),
  deadline: header('deadline'),
  startsOn: header('startsOn'),
  'target.baseline': header('baseline'),
  'target.value': header('target'),
  'target.unit': header('targetUnit'),
  'target.text': header('targetText'),
};

/** A cell that could not be read: reported on its row and column. */
export class CellError extends Error {
  constructor(
    readonly column: string,
    message: string,
  ) {
    super(message);
  }
}

const DIRECTIONS: Record<string, TargetDirection> = { 提升: TargetDirection.UP, UP: TargetDirection.UP, 压缩: TargetDirection.DOWN, 压减: TargetDirection.DOWN, DOWN: TargetDirection.DOWN };
const STATUS_TEXT: Record<TaskStatus, string> = { IN_PROGRESS: '推进中', DONE: '已完成', WITHDRAWN: '已撤销' };
export const LIGHTS: Record<Light, string> = { RED: '红灯', YELLOW: '黄灯', GREEN: '绿灯' };

function splitUnitNames(cell: string): string[] {
  return cell
    .split(/[、，,；;\n]+/)
    .map((name) => name.trim())
    .filter(Boolean);
}

function number(cell: string, key: ImportKey): number | null {
  if (!cell) return null;
  const value = Number(cell.normalize('NFKC').replace(/[%％,]/g, ''));
  if (!Number.isFinite(value)) throw new CellError(header(key), `“${cell}”不是数字`);
  return value;
}

/** The deadline cell: a plan's phrase ("2026年9月底前"), a date, or a date cell. */
function deadlineOf(cell: string): { rule: DeadlineRule; deadline: string } {
  const phrase = parseDeadlinePhrase(cell);
  if (phrase) return { rule: phrase.rule, deadline: shanghaiDate(phrase.deadline) };
  const time = parseShanghaiTime(cell);
  if (time) return { rule: DeadlineRule.DATE, deadline: shanghaiDate(time) };
  throw new CellError(header('deadline'), `无法识别完成时限“${cell}”，可写作“2026年9月底前”“2026年底前”“2026年第三季度末”或“2026-06-30”`);
}

/** The region a row's task is in (the campaign's unless given) and the unit names it uses, to look up before reading it. */
export function rowUnitNames(row: SheetRow<ImportKey>, defaultRegion: string): { regionCode: string; names: string[] } {
  return { regionCode: row.values.regionCode || defaultRegion, names: [...splitUnitNames(row.values.leadUnits), ...splitUnitNames(row.values.coUnits)] };
}

/**
 * A row as a new task's fields, its units by name through `units` (undefined: not looked up,
 * e.g. for a malformed region, which is the row's error). Every cell that cannot be read is
 * its own error (each unit name not found, too), thrown together, so a row is reported whole.
 */
export function rowToFields(row: SheetRow<ImportKey>, units: (name: string) => UnitLookup | undefined, defaultRegion: string): { fields: TaskFields; specialAction: string } {
  const v = row.values;
  const errors: CellError[] = [];
  const read = <T>(work: () => T): T | undefined => {
    try {
      return work();
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      errors.push(error);
      return undefined;
    }
  };
  const resolve = (key: 'leadUnits' | 'coUnits') =>
    splitUnitNames(v[key]).flatMap((name) => {
      const found = units(name);
      if (found && 'error' in found) errors.push(new CellError(header(key), found.error));
      return found && 'id' in found ? [found.id] : [];
    });
  const leadUnitIds = resolve('leadUnits');
  const coUnitIds = resolve('coUnits');
  const numberValue = read(() => number(v.number, 'number'));
  if (numberValue === null) errors.push(new CellError(header('number'), '序号不能为空'));
  const deadline = read(() => {
    if (!v.deadline) throw new CellError(header('deadline'), '完成时限不能为空');
    return deadlineOf(v.deadline);
  });
  const target = read((): TaskFields['target'] => {
    const value = number(v.target, 'target');
    if (value === null) {
      if (v.baseline || v.direction || v.targetUnit) throw new CellError(header('target'), '填写了基数、计量单位或方向，但没有目标值');
      return null;
    }
    const direction = DIRECTIONS[v.direction.toUpperCase()];
    if (!direction) throw new CellError(header('direction'), '目标方向应为“提升”或“压缩”');
    return { baseline: number(v.baseline, 'baseline'), value, unit: v.targetUnit, direction, text: v.targetText || null };
  });
  const startsOn = read(() => {
    if (!v.startsOn) return null;
    const time = parseShanghaiTime(v.startsOn);
    if (!time) throw new CellError(header('startsOn'), `无法识别起始日期“${v.startsOn}”`);
    return shanghaiDate(time);
  });
  if (errors.length) throw new AggregateError(errors);
  return {
    fields: {
      number: numberValue!,
      title: v.title,
      regionCode: v.regionCode || defaultRegion,
      leadUnitIds,
      coUnitIds,
      deadlineRule: deadline!.rule,
      deadline: deadline!.deadline,
      startsOn: startsOn ?? null,
      target: target ?? null,
    },
    specialAction: v.specialAction,
  };
}

/** A task as an exported row, importable again; units by name where `unitNames` knows them. */
export function taskRow(task: SupervisedTask, unitNames: ReadonlyMap<string, string>, specialAction: string, light: Light | null, behind: boolean): Record<ExportKey, CellValue> {
  const names = (role: UnitRole) => unitIdsOf(task, role).map((id) => unitNames.get(id) ?? id).join('、');
  const hasTarget = task.targetValue != null;
  return {
    number: task.number,
    title: task.title,
    specialAction,
    leadUnits: names(UnitRole.LEAD),
    coUnits: names(UnitRole.CO),
    deadline: deadlineText(task.deadlineRule ?? DeadlineRule.DATE, task.deadline),
    regionCode: task.regionCode,
    startsOn: task.startsAt ? shanghaiDate(task.startsAt) : null,
    baseline: task.targetBaseline ?? null,
    target: task.targetValue ?? null,
    targetUnit: task.targetUnit ?? null,
    direction: hasTarget ? (task.targetDirection === TargetDirection.DOWN ? '压缩' : '提升') : null,
    targetText: task.targetText ?? null,
    status: STATUS_TEXT[task.status],
    light: light ? LIGHTS[light] : null,
    latestActual: task.latestActual ?? null,
    behindTarget: hasTarget ? (behind ? '是' : '否') : null,
  };
}
