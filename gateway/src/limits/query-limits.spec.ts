import { buildSchema, getIntrospectionQuery, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { maxCostRule } from './max-cost-rule.js';
import { checkQueryShape, checkQueryText, QUERY_LIMITS } from './query-limits.js';

const schema = buildSchema(/* GraphQL */ `
  type Query {
    node: Node
    nodes: [Node!]!
    page(first: Int, after: String): NodeConnection!
  }
  type Node {
    id: ID!
    child: Node
    children: [Node!]!
    tags: [String!]!
    page(first: Int): NodeConnection!
  }
  type NodeConnection {
    edges: [NodeEdge!]!
    totalCount: Int!
  }
  type NodeEdge {
    node: Node!
  }
`);

const shapeErrors = (document: string) => checkQueryShape(schema, parse(document)).map((e) => e.extensions);
const costOf = (document: string) => validate(schema, parse(document), [maxCostRule(0)])[0]?.extensions.actual ?? 0;
/** `{ node { child { … { id } } } }`, `depth` fields deep. */
const nested = (depth: number) => `{ node { ${'child { '.repeat(depth - 2)}id${' }'.repeat(depth - 2)} } }`;

describe('the document text, before parsing', () => {
  it(`allows ${QUERY_LIMITS.length} characters and refuses one more`, () => {
    const padded = (length: number) => `{ node { id } }\n#`.padEnd(length, 'x');
    expect(checkQueryText(padded(QUERY_LIMITS.length))).toBeUndefined();
    const error = checkQueryText(padded(QUERY_LIMITS.length + 1));
    expect(error?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'length', max: QUERY_LIMITS.length, actual: QUERY_LIMITS.length + 1 });
    expect(error?.message).toBe(`查询文本共 ${QUERY_LIMITS.length + 1} 个字符，超过上限 ${QUERY_LIMITS.length} 个`);
  });

  it(`allows ${QUERY_LIMITS.tokens} tokens and refuses one more; comments are not tokens`, () => {
    // `{`, `}` and one name per field
    const fields = (count: number) => `{${' id'.repeat(count)} }`;
    expect(checkQueryText(fields(QUERY_LIMITS.tokens - 2))).toBeUndefined();
    expect(checkQueryText(fields(QUERY_LIMITS.tokens - 1))?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'tokens' });
    expect(checkQueryText(`# ${'a '.repeat(5000)}\n{ id }`)).toBeUndefined();
  });

  it('leaves text that is not GraphQL to the parser', () => {
    expect(checkQueryText('{ id "unterminated')).toBeUndefined();
  });
});

describe('the depth of an operation', () => {
  it(`allows ${QUERY_LIMITS.depth} levels and refuses ${QUERY_LIMITS.depth + 1}`, () => {
    expect(shapeErrors(nested(QUERY_LIMITS.depth))).toEqual([]);
    expect(shapeErrors(nested(QUERY_LIMITS.depth + 1))).toEqual([
      { code: 'QUERY_TOO_COMPLEX', limit: 'depth', max: QUERY_LIMITS.depth, actual: QUERY_LIMITS.depth + 1 },
    ]);
  });

  it('follows fragments and inline fragments', () => {
    const inFragments = `{ node { child { ...A } } } fragment A on Node { child { ... on Node { ${'child { '.repeat(9)}...B${' }'.repeat(9)} } } } fragment B on Node { id }`;
    expect(shapeErrors(inFragments)).toEqual([expect.objectContaining({ limit: 'depth', actual: 13 })]);
  });

  it('ends on a fragment cycle (which graphql reports) instead of looping', () => {
    const cycle = '{ node { ...A } } fragment A on Node { child { ...B } } fragment B on Node { child { ...A } }';
    expect(shapeErrors(cycle)).toEqual([]);
    expect(validate(schema, parse(cycle)).map((e) => e.message)).toContain('Cannot spread fragment "A" within itself via "B".');
  });

  it('leaves introspection to graphql, so the standard introspection query passes', () => {
    expect(shapeErrors(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true }))).toEqual([]);
  });
});

describe('the aliases of an operation', () => {
  const aliased = (count: number) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: node { id }`).join(' ')} }`;

  it(`allows ${QUERY_LIMITS.aliases} and refuses ${QUERY_LIMITS.aliases + 1}`, () => {
    expect(shapeErrors(aliased(QUERY_LIMITS.aliases))).toEqual([]);
    expect(shapeErrors(aliased(QUERY_LIMITS.aliases + 1))).toEqual([
      { code: 'QUERY_TOO_COMPLEX', limit: 'aliases', max: QUERY_LIMITS.aliases, actual: QUERY_LIMITS.aliases + 1 },
    ]);
  });

  it("counts a fragment's aliases once per spread", () => {
    const fragment = `fragment F on Node { ${Array.from({ length: 16 }, (_, i) => `b${i}: id`).join(' ')} }`;
    expect(shapeErrors(`{ node { ...F } } ${fragment}`)).toEqual([]);
    expect(shapeErrors(`{ node { ...F child { ...F } } } ${fragment}`)).toEqual([expect.objectContaining({ limit: 'aliases', actual: 32 })]);
  });
});

describe('the cost of an operation', () => {
  it('counts 1 a field and multiplies what a list holds by first, or 20', () => {
    expect(costOf('{ node { id tags } }')).toBe(3);
    expect(costOf('{ nodes { id } }')).toBe(1 + 20 * 1);
    expect(costOf('{ nodes { id children { id } } }')).toBe(1 + 20 * (1 + 1 + 20 * 1));
    // a connection's first sizes its edges, not the connection's other fields
    expect(costOf('{ page(first: 5) { totalCount edges { node { id } } } }')).toBe(1 + (1 + 1 + 5 * 2));
    expect(costOf('{ page { edges { node { id } } } }')).toBe(1 + (1 + 20 * 2));
    // a variable counts as the largest page
    expect(costOf('query($n: Int) { page(first: $n) { edges { node { id } } } }')).toBe(1 + (1 + 100 * 2));
  });

  it('counts fragments where they are spread, and introspection and __typename as nothing', () => {
    expect(costOf('{ nodes { ...F } node { ...F } } fragment F on Node { id children { id } }')).toBe(1 + 20 * 22 + (1 + 22));
    expect(costOf('{ __typename __schema { types { name fields { name } } } node { __typename id } }')).toBe(2);
  });

  it(`allows a cost of ${QUERY_LIMITS.cost} and refuses ${QUERY_LIMITS.cost + 2}`, () => {
    // 1 + (1 + first × 2)
    const page = (first: number) => `{ page(first: ${first}) { edges { node { id } } } }`;
    expect(costOf(page(2499))).toBe(QUERY_LIMITS.cost);
    expect(shapeErrors(page(2499))).toEqual([]);
    const [error] = checkQueryShape(schema, parse(page(2500)));
    expect(error.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', max: QUERY_LIMITS.cost, actual: QUERY_LIMITS.cost + 2 });
    expect(error.message).toContain('超过上限 5000');
  });

  it('stays finite and quick for fragments that double at every level', () => {
    const levels = 60;
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ');
    const started = performance.now();
    expect(shapeErrors(`{ ...F0 } ${fragments} fragment F${levels} on Query { node { id } }`)).toEqual([
      expect.objectContaining({ limit: 'cost', actual: 2 ** levels * 2 }),
    ]);
    expect(performance.now() - started).toBeLessThan(100);
  });
});

describe('the directives on one field', () => {
  const directed = (count: number) => `query($t: Boolean!) { node { id ${'@include(if: $t) '.repeat(count)}} }`;

  it(`allows ${QUERY_LIMITS.directives} and refuses ${QUERY_LIMITS.directives + 1}`, () => {
    expect(shapeErrors(directed(QUERY_LIMITS.directives))).toEqual([]);
    expect(shapeErrors(directed(QUERY_LIMITS.directives + 1))).toEqual([
      { code: 'QUERY_TOO_COMPLEX', limit: 'directives', max: QUERY_LIMITS.directives, actual: QUERY_LIMITS.directives + 1 },
    ]);
  });

  it('reports once however many fields overdo it', () => {
    expect(shapeErrors(`query($t: Boolean!) { node { id ${'@include(if: $t) '.repeat(9)} tags ${'@skip(if: $t) '.repeat(9)} } }`)).toHaveLength(1);
  });
});
