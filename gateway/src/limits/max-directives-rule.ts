import type { ASTVisitor, DirectiveNode, ValidationRule } from 'graphql';
import { queryTooComplex } from './query-shape.js';

/**
 * Directives on any one field, fragment, operation or variable. Dozens of (unknown or repeated)
 * directives on one field make the validator and the error list work for nothing.
 */
export function maxDirectivesRule(max: number): ValidationRule {
  return (context) => {
    let reported = false;
    const check = (node: { readonly directives?: readonly DirectiveNode[] }) => {
      const count = node.directives?.length ?? 0;
      if (count <= max || reported) return;
      reported = true;
      context.reportError(queryTooComplex('directives', max, count, `同一位置使用了 ${count} 个指令，超过上限 ${max} 个`));
    };
    const visitor: ASTVisitor = {
      OperationDefinition: check,
      VariableDefinition: check,
      Field: check,
      FragmentSpread: check,
      InlineFragment: check,
      FragmentDefinition: check,
    };
    return visitor;
  };
}
