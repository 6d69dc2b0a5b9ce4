/**
 * Hostile inputs generated from the composed schema: for every mutation, a plausible baseline of
 * arguments and, for every argument and input field, the type's hostile values put in its place.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  buildASTSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  parse,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

export interface HostileCase {
  mutation: string;
  /** Where the hostile value went, e.g. `input.title`, and what it is. */
  label: string;
  document: string;
  variables: Record<string, unknown>;
}

type Slot = GraphQLArgument | GraphQLInputField;

const inaccessible = (slot: { astNode?: { directives?: readonly { name: { value: string } }[] } | null }) =>
  slot.astNode?.directives?.some((d) => d.name.value === 'inaccessible') ?? false;

/** The supergraph as clients see it (minus `@inaccessible`, which the gateway hides). */
export function readApiSchema(file: string): GraphQLSchema {
  return buildASTSchema(parse(readFileSync(file, 'utf8')), { assumeValidSDL: true });
}

export function publicMutations(schema: GraphQLSchema): GraphQLField<unknown, unknown>[] {
  return Object.values(schema.getMutationType()?.getFields() ?? {}).filter((field) => !inaccessible(field));
}

// longer than any text field allows (the longest, a bulletin's body, takes 20 000 characters)
const LONG = '长'.repeat(50_001);
/** Strings that no text field should store: empty, oversized, control and bidi characters, lone surrogates. */
const HOSTILE_TEXT: Record<string, string> = {
  empty: '',
  oversized: LONG,
  NUL: '测试\u0000内容',
  'RTL override': '测试\u202Efdp.exe',
  'lone surrogate': '测试\ud800内容',
};
/** Strings that are no id, code, date or enum: injections and the text above. */
const HOSTILE_TOKEN: Record<string, string> = {
  ...HOSTILE_TEXT,
  'SQL injection': "1' OR '1'='1'; DROP TABLE complaint; --",
  'script injection': '<script>alert(1)</script>',
};
const HOSTILE_INT: Record<string, unknown> = {
  negative: -1,
  'Int overflow': 2 ** 31,
  '1e308': 1e308,
  'string for Int': '1',
};
const HOSTILE_FLOAT: Record<string, unknown> = { '1e308': 1e308, '-1e308': -1e308, negative: -1 };
const HOSTILE_DATE: Record<string, unknown> = {
  'impossible date': '2026-02-30T00:00:00.000Z',
  'year 0': '0000-01-01T00:00:00.000Z',
  'beyond JS dates': '+275761-01-01T00:00:00.000Z',
  'not a date': 'yesterday',
  'number for date': 1e308,
};

/** A field holding words a person typed, where an injection string is merely text. */
function isFreeText(name: string, type: GraphQLInputType): boolean {
  const named = getNamedType(type);
  return named.name === 'String' && !/(id|ids|code|codes|username|password|key|date|month|scope|token)$/i.test(name);
}

/** A plausible value, enough to reach the resolver; ids name nothing, so most writes end in NOT_FOUND. */
function plausible(name: string, type: GraphQLInputType, depth: number): unknown {
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) return [plausible(name, inner.ofType, depth)];
  if (isEnumType(inner)) return inner.getValues()[0].name;
  if (isInputObjectType(inner)) return depth > 3 ? {} : baselineObject(Object.values(inner.getFields()), depth + 1);
  switch (inner.name) {
    case 'ID':
      return /regionCode|code$/i.test(name) ? '990102' : randomUUID();
    case 'Int':
      return 1;
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'DateTimeISO':
      return '2099-12-31T00:00:00.000Z';
    default:
      if (/regionCode$/i.test(name)) return '990102';
      if (/creditCode$/i.test(name)) return '91350100M000100Y43';
      if (/date|deadline|month/i.test(name)) return '2099-12-31';
      return `敌意输入测试${name}`;
  }
}

function baselineObject(slots: readonly Slot[], depth: number): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const slot of slots) if (isNonNullType(slot.type) && !inaccessible(slot)) value[slot.name] = plausible(slot.name, slot.type, depth);
  return value;
}

function hostileValues(name: string, type: GraphQLInputType): Record<string, unknown> {
  const inner = getNullableType(type) as GraphQLInputType;
  const values: Record<string, unknown> = {};
  if (isListType(inner)) {
    // distinct items (fresh ids), so that no de-duplication shortens the list
    values['1 001 items'] = Array.from({ length: 1_001 }, () => plausible(name, inner.ofType, 0));
    values['wrong item type'] = [{ nested: true }];
    return values;
  }
  if (isEnumType(inner)) return { 'unknown enum value': 'NOT_A_VALUE', 'lower-case enum value': inner.getValues()[0].name.toLowerCase() };
  if (isInputObjectType(inner)) return { 'string for object': 'x', 'unknown field': { ...(plausible(name, inner, 0) as object), hostile: 1 } };
  if (isScalarType(inner)) {
    if (inner.name === 'Int') return HOSTILE_INT;
    if (inner.name === 'Float') return HOSTILE_FLOAT;
    if (inner.name === 'Boolean') return { 'string for Boolean': 'true' };
    if (inner.name === 'DateTimeISO') return HOSTILE_DATE;
    const strings = isFreeText(name, inner) ? HOSTILE_TEXT : HOSTILE_TOKEN;
    const dates = /date|deadline|month/i.test(name) ? HOSTILE_DATE : {};
    return { ...strings, ...dates, 'object for string': { a: 1 } };
  }
  return values;
}

function variableDefinitions(field: GraphQLField<unknown, unknown>): string {
  return field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
}

/** The cheapest selection of a result: `__typename` suffices for every object type. */
function documentFor(field: GraphQLField<unknown, unknown>): string {
  const defs = variableDefinitions(field);
  const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isScalarType(getNamedType(field.type)) || isEnumType(getNamedType(field.type)) ? '' : ' { __typename }';
  return `mutation Hostile${defs ? `(${defs})` : ''} { result: ${field.name}${args ? `(${args})` : ''}${selection} }`;
}

/** Every argument and input field down to `depth`, as a path of names with its type. */
function* slotsOf(slots: readonly Slot[], ancestors: Slot[], depth: number): Generator<Slot[]> {
  for (const slot of slots) {
    if (inaccessible(slot)) continue;
    const path = [...ancestors, slot];
    yield path;
    const named = getNamedType(slot.type);
    if (isInputObjectType(named) && depth < 2) yield* slotsOf(Object.values(named.getFields()), path, depth + 1);
  }
}

/** The baseline with `value` at `path`; a missing enclosing object gets its plausible value (a list: one item). */
function setAt(baseline: Record<string, unknown>, path: Slot[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(baseline);
  let node: any = copy;
  for (const slot of path.slice(0, -1)) {
    node[slot.name] ??= plausible(slot.name, slot.type, 0);
    if (Array.isArray(node[slot.name])) node[slot.name] = node[slot.name][0];
    node = node[slot.name];
  }
  node[path[path.length - 1].name] = value;
  return copy;
}

export function generatedCases(field: GraphQLField<unknown, unknown>): HostileCase[] {
  const document = documentFor(field);
  const baseline = baselineObject(field.args, 0);
  const cases: HostileCase[] = [];
  for (const path of slotsOf(field.args, [], 0)) {
    const slot = path[path.length - 1];
    for (const [label, value] of Object.entries(hostileValues(slot.name, slot.type))) {
      cases.push({ mutation: field.name, label: `${path.map((s) => s.name).join('.')}: ${label}`, document, variables: setAt(baseline, path, value) });
    }
  }
  if (field.args.length === 0) cases.push({ mutation: field.name, label: 'unknown argument', document: `mutation { result: ${field.name}(hostile: 1) }`, variables: {} });
  return cases;
}
