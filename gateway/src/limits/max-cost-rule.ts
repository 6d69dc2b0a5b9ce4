import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLNamedType,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import { cycleSafeMemo, queryTooComplex } from './query-shape.js';

/** Items a list is taken to hold when nothing says how many: the default page size. */
const DEFAULT_LIST_SIZE = 20;
/** A `first` given by a variable counts as the largest page a list serves (MAX_PAGE_SIZE). */
const VARIABLE_PAGE_SIZE = 100;

const composite = (type: GraphQLNamedType | null | undefined) => (type && isCompositeType(type) ? type : undefined);

function fieldOf(parent: GraphQLCompositeType | undefined, name: string) {
  return parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
}

function pageSizeOf(field: FieldNode): number {
  const first = field.arguments?.find((argument) => argument.name.value === 'first')?.value;
  if (first?.kind === Kind.INT) return Number(first.value);
  return first?.kind === Kind.VARIABLE ? VARIABLE_PAGE_SIZE : DEFAULT_LIST_SIZE;
}

/**
 * The estimated work of one operation, an upper bound on what it asks of the subgraphs:
 * - every field costs 1; `__typename` and introspection cost nothing;
 * - the selections under a list count once per item: the list's own `first`, else the `first`
 *   of the field it sits in (a connection's `edges`), else DEFAULT_LIST_SIZE;
 * - a `first` that is a literal counts as given, a variable as VARIABLE_PAGE_SIZE, none as the
 *   default page size;
 * - fragments count wherever they are spread.
 * So `region { children { code name } }` costs 1 + (1 + 20 × 2) = 42.
 */
export function maxCostRule(max: number): ValidationRule {
  return (context) => {
    const schema = context.getSchema();
    const fragmentCost = cycleSafeMemo((key) => {
      const [name, pageSize] = key.split('|');
      const fragment = context.getFragment(name);
      if (!fragment) return 0;
      return costOf(fragment.selectionSet, composite(schema.getType(fragment.typeCondition.name.value)), pageSize ? Number(pageSize) : undefined);
    }, 0);

    /** `pageSize`: the `first` of the field this selection set belongs to, if it takes one. */
    function costOf(set: SelectionSetNode, parent: GraphQLCompositeType | undefined, pageSize: number | undefined): number {
      let total = 0;
      for (const selection of set.selections) {
        if (selection.kind === Kind.INLINE_FRAGMENT) {
          const type = selection.typeCondition ? composite(schema.getType(selection.typeCondition.name.value)) : parent;
          total += costOf(selection.selectionSet, type, pageSize);
        } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
          total += fragmentCost(`${selection.name.value}|${pageSize ?? ''}`);
        } else if (!selection.name.value.startsWith('__')) {
          const field = fieldOf(parent, selection.name.value);
          const ownPage = field?.args.some((argument) => argument.name === 'first') ? pageSizeOf(selection) : undefined;
          const isList = field !== undefined && isListType(getNullableType(field.type));
          const items = isList ? (ownPage ?? pageSize ?? DEFAULT_LIST_SIZE) : 1;
          const inner = selection.selectionSet ? costOf(selection.selectionSet, composite(field && getNamedType(field.type)), isList ? undefined : ownPage) : 0;
          total += 1 + items * inner;
        }
      }
      return total;
    }

    return {
      OperationDefinition(operation) {
        const cost = costOf(operation.selectionSet, composite(schema.getRootType(operation.operation)), undefined);
        if (cost > max) {
          context.reportError(
            queryTooComplex('cost', max, cost, `查询估算开销 ${cost}，超过上限 ${max}（每个字段计 1，列表按 first 或 ${DEFAULT_LIST_SIZE} 条计）；请减少字段或分页查询`),
          );
        }
        return false;
      },
    };
  };
}
