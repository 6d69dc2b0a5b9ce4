import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

/**
 * In production the test clock does not exist for clients: an operation that names it fails
 * validation exactly as an unknown field would.
 */
export function noTestClock(context: ValidationContext): ASTVisitor {
  return {
    Field(node) {
      if (node.name.value === 'advanceClock' && context.getParentType()?.name === 'Mutation') {
        context.reportError(new GraphQLError('Cannot query field "advanceClock" on type "Mutation".', { nodes: node }));
      }
    },
  };
}
