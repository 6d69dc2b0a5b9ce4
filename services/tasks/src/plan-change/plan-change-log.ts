import { actorName, type Caller } from '@bizenv/common/auth';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { requireText } from '@bizenv/common/validate';
import type { DataSource, EntityManager } from 'typeorm';
import type { PlanChangeAction, PlanItemKind } from './plan-change-enums.js';
import { PlanChange, type FieldChange } from './plan-change.entity.js';

const MAX_REASON = 200;

type Value = string | number | Date | readonly string[] | null | undefined;

const shown = (value: Value): string | null => {
  if (value == null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.length ? value.join('、') : null;
  return String(value);
};

/** The fields whose shown value differs between `before` and `after`, in the order of `after`. */
export function fieldChanges(before: Record<string, Value>, after: Record<string, Value>): FieldChange[] {
  return Object.keys(after).flatMap((field) => {
    const [from, to] = [shown(before[field]), shown(after[field])];
    return from === to ? [] : [{ field, from, to }];
  });
}

/** A withdrawal's reason: required, 1–200 characters. */
export function requireWithdrawalReason(reason: string): string {
  return requireText(reason, 'reason', '撤销原因', MAX_REASON);
}

/** The version the caller saw must still be the item's, else CONFLICT (nothing is written). */
export function requireVersion(item: { id: string; version: number }, expectedVersion: number, label: string): void {
  if (item.version !== expectedVersion) {
    throw new DomainError(ErrorCode.Conflict, `该${label}已被他人修改，请刷新后重试`, { id: item.id, version: item.version });
  }
}

/** Appends a change (or a withdrawal) to an item's log, in the caller's transaction. */
export async function recordPlanChange(
  manager: EntityManager,
  actor: Caller,
  item: { kind: PlanItemKind; id: string },
  change: { action: PlanChangeAction; changes?: FieldChange[]; reason?: string | null; at: Date },
): Promise<void> {
  await manager.insert(PlanChange, {
    itemKind: item.kind,
    itemId: item.id,
    action: change.action,
    changes: change.changes ?? [],
    reason: change.reason ?? null,
    actorId: actor.id,
    actorName: actorName(actor),
    at: change.at,
  });
}

/** Reads the change log of an item the caller has read. */
export class PlanChangeLog {
  constructor(private readonly dataSource: DataSource) {}

  /** An item's changes in the order they happened. */
  of(kind: PlanItemKind, itemId: string): Promise<PlanChange[]> {
    return this.dataSource.getRepository(PlanChange).find({ where: { itemKind: kind, itemId }, order: { at: 'ASC', id: 'ASC' } });
  }
}
