import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { requirePermission, type Caller, type Permission } from './auth.js';
import { DispatchStatus, Satisfaction, SATISFIED_RATINGS } from './closed-loop.js';
import { DomainError, ErrorCode } from './errors.js';
import { stepFields, type StepFieldSpec } from './step-fields.js';
import { requireText, requireUuid } from './validate.js';

/**
 * The actions of the closed loop (受理 itself is each item's own mutation). Not a GraphQL enum:
 * each kind of item shows them under its own name (`ComplaintAction`, `DemandAction`).
 */
export enum ClosedLoopAction {
  DISPATCH = 'DISPATCH',
  ACCEPT = 'ACCEPT',
  RETURN = 'RETURN',
  REPLY = 'REPLY',
  CLOSE = 'CLOSE',
  REDO = 'REDO',
  REJECT = 'REJECT',
}

/** Inputs an action may take besides the id and the expected version. */
export const STEP_FIELDS = ['unitId', 'reason', 'reply', 'satisfaction'] as const;
export type StepField = (typeof STEP_FIELDS)[number];

export interface TransitionRule {
  from: readonly DispatchStatus[];
  to: DispatchStatus;
  /** What the actor must hold, within the item's region. */
  permission: Permission;
  /** The actor acts for their unit: only on an item dispatched to it (its 承办单位). */
  ownUnit: boolean;
  /** Fields the action needs; any other field given is refused. */
  requires: readonly StepField[];
  /** Satisfaction values the action takes, and what to tell the operator otherwise. */
  satisfaction?: { accepts: readonly Satisfaction[]; otherwise: string };
  /** Recorded in the timeline without being asked for: 重办 follows a dissatisfied 回访. */
  impliedSatisfaction?: Satisfaction;
  /** The item leaves its unit (退回: "not ours"), so it must be dispatched again. */
  clearsUnit?: boolean;
  /** The deadline that governs from then on; absent: unchanged. */
  dueAt?: 'closeDueAt';
}

/** Who steers an item's loop and who handles it, and what the item is called in messages ('投诉', '诉求'). */
export interface ClosedLoopParties {
  /** 转办, 办结, 重办, 不予受理. */
  steer: Permission;
  /** 签收, 退回, 答复: the handling unit's own steps, on items dispatched to it only. */
  handle: Permission;
  noun: string;
}

/** The closed loop as data: each action, where it may start, where it leads, who and what it needs. */
export function closedLoopTransitions({ steer, handle, noun }: ClosedLoopParties): Readonly<Record<ClosedLoopAction, TransitionRule>> {
  return {
    DISPATCH: { from: [DispatchStatus.AWAITING_DISPATCH, DispatchStatus.RETURNED], to: DispatchStatus.DISPATCHED, permission: steer, ownUnit: false, requires: ['unitId'] },
    ACCEPT: { from: [DispatchStatus.DISPATCHED], to: DispatchStatus.ACCEPTED, permission: handle, ownUnit: true, requires: [] },
    RETURN: { from: [DispatchStatus.DISPATCHED], to: DispatchStatus.RETURNED, permission: handle, ownUnit: true, requires: ['reason'], clearsUnit: true },
    REPLY: { from: [DispatchStatus.ACCEPTED], to: DispatchStatus.REPLIED, permission: handle, ownUnit: true, requires: ['reply'], dueAt: 'closeDueAt' },
    CLOSE: {
      from: [DispatchStatus.REPLIED],
      to: DispatchStatus.CLOSED,
      permission: steer,
      ownUnit: false,
      requires: ['satisfaction'],
      satisfaction: { accepts: SATISFIED_RATINGS, otherwise: `回访不满意的${noun}不能办结，请执行重办（REDO）` },
    },
    // Back to the same unit; the close deadline still governs.
    REDO: {
      from: [DispatchStatus.REPLIED],
      to: DispatchStatus.ACCEPTED,
      permission: steer,
      ownUnit: false,
      requires: ['reason'],
      impliedSatisfaction: Satisfaction.DISSATISFIED,
    },
    REJECT: { from: [DispatchStatus.AWAITING_DISPATCH], to: DispatchStatus.CLOSED, permission: steer, ownUnit: false, requires: ['reason'] },
  };
}

const FIELD_SPECS: Readonly<Record<StepField, StepFieldSpec>> = {
  unitId: { label: '承办单位', check: (value, field) => requireUuid(value, field, '承办单位') },
  reason: { label: '理由', check: (value, field) => requireText(value, field, '理由', 500) },
  reply: { label: '答复内容', check: (value, field) => requireText(value, field, '答复内容', 5000) },
  // Already one of the enum's values: GraphQL checked it.
  satisfaction: { label: '回访满意度', check: (value) => value },
};

/** What an action was given besides the id and the expected version. */
export interface StepInput {
  unitId?: string | null;
  reason?: string | null;
  reply?: string | null;
  satisfaction?: Satisfaction | null;
}

export interface CheckedStepFields {
  unitId?: string;
  reason?: string;
  reply?: string;
  satisfaction?: Satisfaction;
}

/**
 * The fields `rule` needs, checked and normalised (BAD_USER_INPUT naming the field otherwise),
 * and a rating the action does not take refused with the rule's own message.
 */
export function closedLoopStepFields(rule: TransitionRule, input: StepInput): CheckedStepFields {
  const fields = stepFields(FIELD_SPECS, rule, input) as CheckedStepFields;
  if (rule.satisfaction && !rule.satisfaction.accepts.includes(fields.satisfaction!)) {
    throw new DomainError(ErrorCode.BadUserInput, rule.satisfaction.otherwise, { field: 'satisfaction' });
  }
  return fields;
}

/** The item as a step sees it before acting. */
export interface LoopItem {
  id: string;
  regionCode: string;
  unitId: string | null;
  version: number;
}

export const staleItem = (noun: string, id: string, version?: number) =>
  new DomainError(ErrorCode.Conflict, `该${noun}已被他人修改，请刷新后重试`, version === undefined ? { id } : { id, version });

/**
 * May the caller take this step now? The permission within the item's region; for a unit's own
 * steps, the item is dispatched to the caller's unit (FORBIDDEN); the version the caller saw is
 * current (CONFLICT); the item's status is one the step starts from (INVALID_TRANSITION).
 * Returns the actor.
 */
export function checkStep(
  caller: Caller | null,
  rule: TransitionRule,
  item: LoopItem,
  status: DispatchStatus,
  step: { action: string; expectedVersion: number },
  noun: string,
): Caller {
  const actor = requirePermission(caller, rule.permission, item.regionCode);
  if (rule.ownUnit && (!actor.unitId || actor.unitId !== item.unitId)) {
    throw new DomainError(ErrorCode.Forbidden, `只能办理转办给本单位的${noun}`);
  }
  if (item.version !== step.expectedVersion) throw staleItem(noun, item.id, item.version);
  if (!rule.from.includes(status)) {
    throw new DomainError(ErrorCode.InvalidTransition, '当前状态不能执行该操作', { status, action: step.action });
  }
  return actor;
}

/**
 * Writes a step's `changes` (with the next version) only if the item is still at the version and
 * in one of the statuses the step starts from: of two concurrent actors exactly one wins, the
 * other gets CONFLICT.
 */
export async function writeStep<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  statusColumn: keyof T & string,
  item: LoopItem,
  rule: TransitionRule,
  changes: Partial<T>,
  noun: string,
): Promise<void> {
  const result = await manager
    .createQueryBuilder()
    .update(entity)
    .set({ ...changes, version: item.version + 1 } as never)
    .where(`id = :id AND version = :version AND ${statusColumn} IN (:...from)`, { id: item.id, version: item.version, from: rule.from })
    .execute();
  if (result.affected !== 1) throw staleItem(noun, item.id);
}
