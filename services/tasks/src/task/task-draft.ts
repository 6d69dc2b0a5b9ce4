import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { startOfShanghaiDay, type WorkingCalendar } from '@bizenv/common/working-days';
import { requireText, requireUuid } from '@bizenv/common/validate';
import { DeadlineRule, resolveDeadline } from './deadline-rule.js';
import { isDay } from './task-deadline.js';
import type { TaskTargetInput } from './task-inputs.js';
import { taskWarnAt } from './task-light.js';
import { TargetDirection } from './task-pace.js';
import { TaskStatus } from './task-status.js';
import type { SupervisedTaskUnit } from './task-unit.entity.js';
import { taskUnitRows } from './task-units.js';
import type { SupervisedTask } from './task.entity.js';
import type { Campaign } from '../campaign/campaign.entity.js';

const EARLIEST_DEADLINE = new Date('2004-01-01T00:00:00+08:00');
// The end of the last day a datetime column holds (MySQL's limit; SQLite compares the stored
// text, where a five-digit year would sort before every other deadline).
const LATEST_DEADLINE = new Date('9999-12-31T23:59:59.999+08:00');
const MAX_NUMBER = 100_000;
const MAX_LEAD_UNITS = 20;
const MAX_CO_UNITS = 50;

const invalid = (field: string, message: string) => new DomainError(ErrorCode.BadUserInput, message, { field });

function requireTaskNumber(number: number): number {
  if (!Number.isInteger(number) || number < 1 || number > MAX_NUMBER) throw invalid('number', `任务序号应为1–${MAX_NUMBER}的整数`);
  return number;
}

const DEADLINE_MESSAGES: Record<DeadlineRule, string> = {
  DATE: '完成时限应为2004年至9999年之间的日期，如 2026-12-31',
  END_OF_MONTH: '月底前的完成时限应为某月，如 2026-09，或该月内的日期',
  END_OF_QUARTER: '季度末前的完成时限应为某季度，如 2026-Q3，或该季度内的日期',
  END_OF_YEAR: '年底前的完成时限应为某年，如 2026，或该年内的日期',
};

function requireDeadline(rule: DeadlineRule, value: string): Date {
  const deadline = resolveDeadline(rule, value);
  if (!deadline || deadline < EARLIEST_DEADLINE || deadline > LATEST_DEADLINE) throw invalid('deadline', DEADLINE_MESSAGES[rule]);
  return deadline;
}

/** Lead units (at least one) and co-responsible units: well-formed ids, each named once. */
function requireTaskUnits(leadUnitIds: readonly string[], coUnitIds: readonly string[]): { lead: string[]; co: string[] } {
  const lead = [...new Set(leadUnitIds)];
  const co = [...new Set(coUnitIds)].filter((id) => !lead.includes(id));
  if (!lead.length) throw invalid('leadUnitIds', '至少需要一个牵头单位');
  if (lead.length > MAX_LEAD_UNITS) throw invalid('leadUnitIds', `牵头单位至多${MAX_LEAD_UNITS}个`);
  if (co.length > MAX_CO_UNITS) throw invalid('responsibleUnitIds', `责任单位至多${MAX_CO_UNITS}个`);
  lead.forEach((id) => requireUuid(id, 'leadUnitIds', '牵头单位'));
  co.forEach((id) => requireUuid(id, 'responsibleUnitIds', '责任单位'));
  return { lead, co };
}

interface DraftTarget {
  baseline: number | null;
  value: number;
  unit: string;
  direction: TargetDirection;
  text: string | null;
}

function requireTarget(input: TaskTargetInput): DraftTarget {
  const finite = (value: number, field: string) => {
    if (!Number.isFinite(value) || Math.abs(value) > 1e12) throw invalid(field, '目标数值应为有限的数');
    return value;
  };
  const value = finite(input.value, 'target.value');
  const baseline = input.baseline == null ? null : finite(input.baseline, 'target.baseline');
  if (baseline !== null && (input.direction === TargetDirection.UP ? value <= baseline : value >= baseline)) {
    throw invalid('target.value', input.direction === TargetDirection.UP ? '提升目标的目标值应高于基数' : '压缩目标的目标值应低于基数');
  }
  return {
    baseline,
    value,
    unit: requireText(input.unit, 'target.unit', '计量单位', 16),
    direction: input.direction,
    text: input.text == null || !input.text.trim() ? null : requireText(input.text, 'target.text', '目标表述', 200),
  };
}

/** The start of a task: a given day (not after its deadline), else `fallback`. */
function requireStart(startsOn: string | null | undefined, deadline: Date, fallback: Date): Date {
  if (startsOn == null) return fallback;
  if (!isDay(startsOn)) throw invalid('startsOn', '起始日期应为存在的日期，如 2026-03-01');
  const start = startOfShanghaiDay(startsOn);
  if (start > deadline) throw invalid('startsOn', '起始日期不能晚于完成时限');
  return start;
}

/** Everything a new task is made of, validated. */
export interface TaskDraft {
  id: string;
  number: number;
  title: string;
  regionCode: string;
  campaignId: string | null;
  specialActionId: string | null;
  leadUnitIds: string[];
  coUnitIds: string[];
  deadlineRule: DeadlineRule;
  deadline: Date;
  startsAt: Date;
  createdAt: Date;
  target: DraftTarget | null;
}

/** A new task's own fields, as the API or a spreadsheet row gives them. */
export interface TaskFields {
  number: number;
  title: string;
  regionCode: string;
  leadUnitIds: string[];
  coUnitIds: string[];
  deadlineRule: DeadlineRule;
  deadline: string;
  startsOn?: string | null;
  target?: TaskTargetInput | null;
}

/**
 * Validates a new task (its region already checked against the caller and the campaign). It
 * starts at `startsOn`, else at `at`, or at its campaign's start if that is later.
 */
export function taskDraft(
  id: string,
  fields: TaskFields,
  context: { campaign: Pick<Campaign, 'id' | 'startsOn'> | null; specialActionId: string | null; at: Date },
): TaskDraft {
  const title = requireText(fields.title, 'title', '标题', 200);
  const number = requireTaskNumber(fields.number);
  const { lead, co } = requireTaskUnits(fields.leadUnitIds, fields.coUnitIds);
  const deadline = requireDeadline(fields.deadlineRule, fields.deadline);
  const campaignStart = context.campaign ? startOfShanghaiDay(context.campaign.startsOn) : context.at;
  const startsAt = requireStart(fields.startsOn, deadline, campaignStart > context.at ? campaignStart : context.at);
  return {
    id,
    number,
    title,
    regionCode: fields.regionCode,
    campaignId: context.campaign?.id ?? null,
    specialActionId: context.specialActionId,
    leadUnitIds: lead,
    coUnitIds: co,
    deadlineRule: fields.deadlineRule,
    deadline,
    startsAt: startsAt > deadline ? deadline : startsAt,
    createdAt: context.at,
    target: fields.target ? requireTarget(fields.target) : null,
  };
}

/** The rows a new task is stored as; it turns yellow near its deadline (no actual reported yet), counted with `calendar`. */
export function newTaskRows(draft: TaskDraft, calendar: WorkingCalendar): { task: SupervisedTask; units: SupervisedTaskUnit[] } {
  const task: SupervisedTask = {
    id: draft.id,
    number: draft.number,
    title: draft.title,
    leadUnitId: draft.leadUnitIds[0],
    regionCode: draft.regionCode,
    campaignId: draft.campaignId,
    specialActionId: draft.specialActionId,
    deadline: draft.deadline,
    deadlineRule: draft.deadlineRule,
    status: TaskStatus.IN_PROGRESS,
    version: 1,
    createdAt: draft.createdAt,
    completedAt: null,
    startsAt: draft.startsAt,
    targetBaseline: draft.target?.baseline ?? null,
    targetValue: draft.target?.value ?? null,
    targetUnit: draft.target?.unit ?? null,
    targetDirection: draft.target?.direction ?? null,
    targetText: draft.target?.text ?? null,
    latestActual: null,
    behindAt: null,
    warnAt: taskWarnAt(draft.deadline, null, calendar),
  };
  const units = taskUnitRows(draft.id, draft.leadUnitIds, draft.coUnitIds);
  task.units = units;
  return { task, units };
}
