import { Kind, type DocumentNode, type FieldNode, type OperationDefinitionNode, type ValueNode } from 'graphql';
import { DomainError, ErrorCode } from '@bizenv/common/errors';

/**
 * The gateway's subscriptions. Each root field is served by re-running a query field of the
 * supergraph, so a subscriber may select fields of any subgraph, exactly as in a query.
 */
export const SUBSCRIPTION_SDL = /* GraphQL */ `
  type Subscription {
    "区域（含全部下级）的实时状态：订阅后立即推送当前数据，之后每次数字变化在1秒内推送"
    regionStats(code: ID!): Region!
  }
`;

const ROOTS: Record<string, { queryField: string; regionArgument: string }> = {
  regionStats: { queryField: 'region', regionArgument: 'code' },
};

export interface LiveQuery {
  query: DocumentNode;
  /** The region whose subtree's changes make the result stale. */
  regionCode: string;
}

function valueOf(node: ValueNode, variables: Record<string, unknown>): unknown {
  if (node.kind === Kind.VARIABLE) return variables[node.name.value];
  if (node.kind === Kind.STRING || node.kind === Kind.INT) return node.value;
  return undefined;
}

/** Rewrites a validated subscription into the query that computes each of its frames. */
export function toLiveQuery(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>): LiveQuery {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  const field = operation?.selectionSet.selections[0];
  if (!operation || operation.operation !== 'subscription' || field?.kind !== Kind.FIELD || !ROOTS[field.name.value]) {
    throw new DomainError(ErrorCode.BadUserInput, '不支持的订阅');
  }
  const root = ROOTS[field.name.value];
  const regionArgument = field.arguments?.find((a) => a.name.value === root.regionArgument);
  const regionCode = regionArgument ? valueOf(regionArgument.value, variables) : undefined;
  if (typeof regionCode !== 'string') throw new DomainError(ErrorCode.BadUserInput, '缺少区域代码');
  const queryField: FieldNode = {
    ...field,
    alias: field.alias ?? { kind: Kind.NAME, value: field.name.value },
    name: { kind: Kind.NAME, value: root.queryField },
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
