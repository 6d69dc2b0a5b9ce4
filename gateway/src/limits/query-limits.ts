import type { DomainError } from '@bizenv/common/errors';
import { Lexer, Source, TokenKind, validate, type DocumentNode, type GraphQLError, type GraphQLSchema } from 'graphql';
import { maxAliasesRule } from './max-aliases-rule.js';
import { maxCostRule } from './max-cost-rule.js';
import { maxDepthRule } from './max-depth-rule.js';
import { maxDirectivesRule } from './max-directives-rule.js';
import { queryTooComplex, type QueryLimit } from './query-shape.js';

/**
 * Limits on one document at the gateway. The largest documents in use (the screen's, the
 * tests', a full introspection query) have under 200 tokens, depth 5 and cost under 400.
 */
export const QUERY_LIMITS: Readonly<Record<QueryLimit, number>> = {
  /** Characters, checked before anything else. */
  length: 20_000,
  /**
   * Lexical tokens, counted before parsing. They bound the parser and the validator too:
   * graphql's check that fields merge grows with the square of same-named fields (250 copies
   * of one field, 1,000 tokens, took 60–90 ms to validate here; 500 copies about 300 ms).
   */
  tokens: 1_000,
  depth: 12,
  /** Per operation; a fragment's aliases count once per spread. */
  aliases: 30,
  /** See maxCostRule for the model. */
  cost: 5_000,
  /** On any one field, fragment, operation or variable. */
  directives: 5,
};

/** Tokens of `text`, counting no further than `stop`; a lexical error ends the count (the parser reports it). */
function tokenCount(text: string, stop: number): number {
  const lexer = new Lexer(new Source(text));
  let count = 0;
  try {
    while (count < stop && lexer.advance().kind !== TokenKind.EOF) count++;
  } catch {
    // not a document; parsing will say why
  }
  return count;
}

/** The text's length and token count, checked before it is parsed. */
export function checkQueryText(text: string, limits = QUERY_LIMITS): DomainError | undefined {
  if (text.length > limits.length) {
    return queryTooComplex('length', limits.length, text.length, `查询文本共 ${text.length} 个字符，超过上限 ${limits.length} 个`);
  }
  const tokens = tokenCount(text, limits.tokens + 1);
  if (tokens > limits.tokens) {
    return queryTooComplex('tokens', limits.tokens, tokens, `查询文本的词法单元（名称、括号、参数值等）超过上限 ${limits.tokens} 个`);
  }
  return undefined;
}

/** Depth, aliases, cost and directives of a parsed document. */
export function checkQueryShape(schema: GraphQLSchema, document: DocumentNode, limits = QUERY_LIMITS): readonly GraphQLError[] {
  const rules = [maxDepthRule(limits.depth), maxAliasesRule(limits.aliases), maxCostRule(limits.cost), maxDirectivesRule(limits.directives)];
  return validate(schema, document, rules);
}
