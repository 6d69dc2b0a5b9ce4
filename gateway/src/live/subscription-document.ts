import { Kind, valueFromASTUntyped, type DocumentNode, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { DomainError, ErrorCode } from '@bizenv/common/errors';

/**
 * The gateway's subscriptions. Each root field is served by re-running a query field of the
 * supergraph, so a subscriber may select fields of any subgraph, exactly as in a query.
 */
export const SUBSCRIPTION_SDL = /* GraphQL */ `
  extend schema { subscription: Subscription }

  type Subscription {
    "区域（含全部下级）的实时状态：订阅后立即推送当前数据，之后每次数字变化在1秒内推送；帧的 extensions.version 为其对应的事件位置"
    regionStats(code: ID!): Region!
    "转办动态：受理、转办、签收、退回、答复、办结、超期。after 为上次收到的 version：能续传则补发其后的事件，否则推送最新快照（reset=true）"
    dispatchEvents(regionCode: ID!, after: String): DispatchFeedFrame!
  }

  enum DispatchEventKind { RECEIVED DISPATCHED ACCEPTED RETURNED REPLIED CLOSED TURNED_OVERDUE }
  enum DispatchItemKind { COMPLAINT DEMAND TASK }

  type DispatchEvent {
    position: String!
    kind: DispatchEventKind!
    itemKind: DispatchItemKind!
    itemId: ID!
    title: String
    regionCode: ID!
    occurredAt: String!
  }

  type DispatchFeedFrame {
    "本帧对应的最新事件位置；断线重连时作为 after 传回"
    version: String!
    "true 表示 events 为最新快照而非续传"
    reset: Boolean!
    events: [DispatchEvent!]!
  }
`;

function operationOf(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
}

/** The subscription's root field and its argument values (validation guarantees one field). */
export function rootFieldOf(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>) {
  const field = operationOf(document, operationName)?.selectionSet.selections[0];
  if (field?.kind !== Kind.FIELD) return undefined;
  const args = Object.fromEntries((field.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value, variables)]));
  return { name: field.name.value, field, args };
}

/** The argument naming the region each subscription watches. */
const REGION_ARGUMENTS: Record<string, string> = { regionStats: 'code', dispatchEvents: 'regionCode' };

/** The region a subscription's root field watches, or null when it names none. */
export function subscribedRegion(root: { name: string; args: Record<string, unknown> }): string | null {
  const value = REGION_ARGUMENTS[root.name] ? root.args[REGION_ARGUMENTS[root.name]] : undefined;
  return typeof value === 'string' ? value : null;
}

/** Subscriptions served by re-running a query field. */
const QUERY_FIELDS: Record<string, string> = { regionStats: 'region' };

export interface LiveQuery {
  query: DocumentNode;
  /** The region whose subtree's changes make the result stale. */
  regionCode: string;
}

/** Rewrites a validated subscription into the query that computes each of its frames. */
export function toLiveQuery(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>): LiveQuery {
  const operation = operationOf(document, operationName);
  const root = rootFieldOf(document, operationName, variables);
  if (!operation || operation.operation !== 'subscription' || !root || !QUERY_FIELDS[root.name]) {
    throw new DomainError(ErrorCode.BadUserInput, '不支持的订阅');
  }
  const { field } = root;
  const regionCode = subscribedRegion(root);
  if (regionCode === null) throw new DomainError(ErrorCode.BadUserInput, '缺少区域代码');
  const queryField: FieldNode = {
    ...field,
    alias: field.alias ?? { kind: Kind.NAME, value: field.name.value },
    name: { kind: Kind.NAME, value: QUERY_FIELDS[root.name] },
  };
  const queryOperation: OperationDefinitionNode = {
    ...operation,
    operation: 'query' as OperationDefinitionNode['operation'],
    selectionSet: { ...operation.selectionSet, selections: [queryField] },
  };
  return {
    regionCode,
    query: { ...document, definitions: document.definitions.map((d) => (d === operation ? queryOperation : d)) },
  };
}
