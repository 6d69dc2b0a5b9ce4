import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { FieldNode } from 'graphql';

/** The limits a document's text and shape are checked against; see query-limits.ts. */
export type QueryLimit = 'length' | 'tokens' | 'depth' | 'aliases' | 'cost' | 'directives';

/** A document over one limit: `extensions` name the limit, its maximum and the document's value. */
export function queryTooComplex(limit: QueryLimit, max: number, actual: number, message: string): DomainError {
  return new DomainError(ErrorCode.QueryTooComplex, message, { limit, max, actual });
}

/**
 * `__schema` and `__type`: their subtrees are bounded by graphql's own MaxIntrospectionDepthRule
 * and answered from the gateway's memory, so depth and cost leave them out (the standard
 * introspection query is 13 deep).
 */
export function isIntrospectionRoot(field: FieldNode): boolean {
  return field.name.value === '__schema' || field.name.value === '__type';
}

/**
 * Memoises a measure of named fragments, so that a fragment spread many times (or spread by
 * fragments spread many times) is measured once. A fragment reached again inside its own
 * measurement (a cycle, which NoFragmentCyclesRule reports) measures as `onCycle`.
 */
export function cycleSafeMemo<T>(measure: (key: string) => T, onCycle: T): (key: string) => T {
  const done = new Map<string, T>();
  const active = new Set<string>();
  return (key) => {
    if (done.has(key)) return done.get(key)!;
    if (active.has(key)) return onCycle;
    active.add(key);
    const value = measure(key);
    active.delete(key);
    done.set(key, value);
    return value;
  };
}
