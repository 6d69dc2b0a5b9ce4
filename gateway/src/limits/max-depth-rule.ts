import { Kind, type SelectionSetNode, type ValidationRule } from 'graphql';
import { cycleSafeMemo, isIntrospectionRoot, queryTooComplex } from './query-shape.js';

/**
 * Nesting of fields, following fragments: `{ region { code } }` is 2 deep. Introspection
 * (`__schema`, `__type`) is left to graphql's own MaxIntrospectionDepthRule.
 */
export function maxDepthRule(max: number): ValidationRule {
  return (context) => {
    const fragmentDepth = cycleSafeMemo((name) => {
      const fragment = context.getFragment(name);
      return fragment ? depthOf(fragment.selectionSet) : 0;
    }, 0);
    function depthOf(set: SelectionSetNode): number {
      let deepest = 0;
      for (const selection of set.selections) {
        let depth: number;
        if (selection.kind === Kind.FIELD) {
          depth = isIntrospectionRoot(selection) ? 0 : 1 + (selection.selectionSet ? depthOf(selection.selectionSet) : 0);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          depth = depthOf(selection.selectionSet);
        } else {
          depth = fragmentDepth(selection.name.value);
        }
        deepest = Math.max(deepest, depth);
      }
      return deepest;
    }
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet);
        if (depth > max) context.reportError(queryTooComplex('depth', max, depth, `查询嵌套 ${depth} 层，超过上限 ${max} 层`));
        return false;
      },
    };
  };
}
