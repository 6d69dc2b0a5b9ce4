import { permissionsOf, type Caller } from '@bizenv/common/auth';
import type { DomainEvent } from '@bizenv/common/event-bus';
import { isWithin } from '@bizenv/common/region-code';
import { GraphQLError, print, type ExecutionResult } from 'graphql';
import { pushIterator } from './push-iterator.js';
import type { LiveQuery } from './subscription-document.js';

const RETRY_START_MS = 1000;
const RETRY_MAX_MS = 30_000;

export type ExecuteQuery = (query: string, variables: Record<string, unknown>, caller: Caller | null) => Promise<ExecutionResult>;

interface SharedQuery {
  text: string;
  variables: Record<string, unknown>;
  caller: Caller | null;
  regionCode: string;
  listeners: Set<(result: ExecutionResult) => void>;
  last?: ExecutionResult;
  lastJson?: string;
  timer?: NodeJS.Timeout;
  /** Armed while the last result had errors (a subgraph was down): ask again, with capped back-off. */
  retry?: { timer: NodeJS.Timeout; ms: number };
  running?: Promise<void>;
  stale: boolean;
}

/**
 * What decides a caller's view: roles, permissions, region subtree and unit. Subgraphs filter by
 * these only (never by the person), so callers with the same scope may share one computed result.
 */
function scopeOf(caller: Caller | null) {
  return caller ? [[...caller.roles].sort(), [...permissionsOf(caller)].sort(), caller.regionCode, caller.unitId ?? null] : null;
}

/**
 * Serves live queries. Subscribers with the same document, variables and scope share one
 * query: a change is gathered for `windowMs`, computed once, and sent to all of them, so the
 * work per change does not grow with the number of screens.
 */
export class LiveQueryHub {
  private readonly queries = new Map<string, SharedQuery>();
  /** Bus position of the newest event seen: the version of frames computed after it. */
  private position = '0-0';

  constructor(
    private readonly execute: ExecuteQuery,
    private readonly windowMs = 100,
  ) {}

  get size(): number {
    return this.queries.size;
  }

  subscribe(live: LiveQuery, variables: Record<string, unknown>, caller: Caller | null): AsyncIterableIterator<ExecutionResult> {
    const text = print(live.query);
    const key = JSON.stringify([text, variables, scopeOf(caller)]);
    let shared = this.queries.get(key);
    if (!shared) {
      shared = { text, variables, caller, regionCode: live.regionCode, listeners: new Set(), stale: false };
      this.queries.set(key, shared);
      this.refresh(shared);
    }
    const query = shared;
    const { iterator, push } = pushIterator<ExecutionResult>(() => {
      query.listeners.delete(push);
      if (!query.listeners.size) {
        clearTimeout(query.timer);
        clearTimeout(query.retry?.timer);
        this.queries.delete(key);
      }
    });
    query.listeners.add(push);
    if (query.last) push(query.last);
    return iterator;
  }

  /** A change in `event.regionCode` makes every query over a region containing it stale. */
  onEvent(event: DomainEvent): void {
    if (event.position) this.position = event.position;
    for (const query of this.queries.values()) {
      if (isWithin(event.regionCode, query.regionCode)) this.schedule(query);
    }
  }

  /** Recomputes everything, e.g. after the event stream was interrupted. */
  refreshAll(): void {
    for (const query of this.queries.values()) this.schedule(query);
  }

  close(): void {
    for (const query of this.queries.values()) {
      clearTimeout(query.timer);
      clearTimeout(query.retry?.timer);
    }
    this.queries.clear();
  }

  private schedule(query: SharedQuery): void {
    if (query.timer) return;
    query.timer = setTimeout(() => {
      query.timer = undefined;
      this.refresh(query);
    }, this.windowMs);
  }

  private refresh(query: SharedQuery): void {
    if (query.running) {
      query.stale = true;
      return;
    }
    clearTimeout(query.retry?.timer);
    const version = this.position;
    let failed = false;
    query.running = this.execute(query.text, query.variables, query.caller)
      .catch((error: unknown): ExecutionResult => {
        console.error('[live] query failed', error);
        return { errors: [new GraphQLError('实时数据暂时无法获取', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })] };
      })
      .then((result) => {
        failed = Boolean(result.errors?.length);
        // Only a change of numbers makes a frame; its version says which events it includes.
        const json = JSON.stringify(result);
        if (json !== query.lastJson) {
          query.last = { ...result, extensions: { ...result.extensions, version } };
          query.lastJson = json;
          for (const listener of query.listeners) listener(query.last);
        }
      })
      .finally(() => {
        query.running = undefined;
        if (query.stale) {
          query.stale = false;
          this.refresh(query);
        } else if (failed && query.listeners.size) {
          // No event may come to heal an error frame: a recovered subgraph must be asked again.
          const ms = Math.min((query.retry?.ms ?? RETRY_START_MS / 2) * 2, RETRY_MAX_MS);
          query.retry = { ms, timer: setTimeout(() => this.refresh(query), ms) };
        } else if (!failed) {
          query.retry = undefined;
        }
      });
  }
}
