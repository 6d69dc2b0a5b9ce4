import { Kind, type SelectionSetNode, type ValidationRule } from 'graphql';
import { cycleSafeMemo, queryTooComplex } from './query-shape.js';

/**
 * Aliases of one operation, counted where they execute: a fragment's aliases count once per
 * spread. Aliases are how one request asks the same field many times (a sign-in with 100
 * passwords, 100 copies of an expensive list).
 */
export function maxAliasesRule(max: number): ValidationRule {
  return (context) => {
    const fragmentAliases = cycleSafeMemo((name) => {
      const fragment = context.getFragment(name);
      return fragment ? aliasesIn(fragment.selectionSet) : 0;
    }, 0);
    function aliasesIn(set: SelectionSetNode): number {
      let count = 0;
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          count += (selection.alias ? 1 : 0) + (selection.selectionSet ? aliasesIn(selection.selectionSet) : 0);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          count += aliasesIn(selection.selectionSet);
        } else {
          count += fragmentAliases(selection.name.value);
        }
      }
      return count;
    }
    return {
      OperationDefinition(operation) {
        const count = aliasesIn(operation.selectionSet);
        if (count > max) context.reportError(queryTooComplex('aliases', max, count, `查询使用了 ${count} 个别名，超过上限 ${max} 个`));
        return false;
      },
    };
  };
}
