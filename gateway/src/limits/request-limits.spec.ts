import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { Role, type Caller } from '@bizenv/common/auth';
import { REPO_ROOT } from '@bizenv/common/config';
import { getIntrospectionQuery, GraphQLError, parse, validate, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscriptionSchema } from '../live/subscription-server.js';
import { checkQueryShape, checkQueryText, QUERY_LIMITS } from './query-limits.js';
import { RequestLimits } from './request-limits.js';
import { screenDocumentsIn } from './screen-documents.js';

const caller = (id: string, ...roles: Role[]): Caller => ({ id, name: id, roles, regionCode: '990100' });
const leader = caller('leader', Role.LEADER);
const errorsOf = (result: unknown) => (Array.isArray(result) ? (result as GraphQLError[]) : []);

let gateway: ApolloGateway;
let schema: GraphQLSchema;

beforeAll(async () => {
  gateway = new ApolloGateway({ supergraphSdl: readFileSync(resolve(REPO_ROOT, 'schema/supergraph.graphql'), 'utf8') });
  schema = subscriptionSchema((await gateway.load()).schema);
});

afterAll(async () => {
  await gateway?.stop();
});

describe('the limits and the documents in use', () => {
  // every measure at most half its limit
  const half = Object.fromEntries(Object.entries(QUERY_LIMITS).map(([limit, max]) => [limit, Math.floor(max / 2)])) as typeof QUERY_LIMITS;

  it("leave the screen's documents (dashboard/src/api) and an introspection query room to spare", () => {
    const documents = [...Object.values(screenDocumentsIn()), getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true })];
    for (const text of documents) {
      expect(checkQueryText(text, half)).toBeUndefined();
      const document = parse(text);
      expect(validate(schema, document)).toEqual([]);
      expect(checkQueryShape(schema, document, half)).toEqual([]);
    }
  });
});

describe('subscriptions through the limits', () => {
  const subscribe = (limits: RequestLimits, query: string, who: Caller = leader) => limits.subscription(schema, who, '192.0.2.1', { query, variables: { code: '990100' } });
  const REGION = 'subscription($code: ID!) { regionStats(code: $code) { code name } }';

  it('admits a valid subscription and hands graphql-ws its parsed document', () => {
    const admitted = subscribe(new RequestLimits({ requestsPerMinute: 10, production: false }), REGION);
    // the schema by identity: a deep match walks the whole supergraph
    expect('schema' in admitted && admitted.schema).toBe(schema);
    expect(admitted).toMatchObject({ variableValues: { code: '990100' }, document: { kind: 'Document' } });
  });

  it('refuses one over a limit, a query or mutation on the socket, and a screen token’s other documents', () => {
    const limits = new RequestLimits({ requestsPerMinute: 10, production: false });
    const deep = `subscription { regionStats(code: "990100") { ${'parent { '.repeat(12)}code${' }'.repeat(12)} } }`;
    expect(errorsOf(subscribe(limits, deep)).map((e) => e.extensions)).toEqual([{ code: 'QUERY_TOO_COMPLEX', limit: 'depth', max: 12, actual: 14 }]);
    expect(errorsOf(subscribe(limits, '{ region(code: "990100") { name } }'))[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(errorsOf(subscribe(limits, REGION, caller('screen', Role.SCREEN)))[0].extensions.code).toBe('FORBIDDEN');
    const [screenRegion] = Object.values(screenDocumentsIn()).filter((d) => d.includes('ScreenRegion'));
    expect(errorsOf(subscribe(limits, screenRegion, caller('screen', Role.SCREEN)))).toEqual([]);
  });

  it('counts each subscription against its caller', () => {
    const limits = new RequestLimits({ requestsPerMinute: 2, production: false, now: () => 0 });
    expect(errorsOf(subscribe(limits, REGION))).toEqual([]);
    expect(errorsOf(subscribe(limits, REGION))).toEqual([]);
    const [refused] = errorsOf(subscribe(limits, REGION));
    expect(refused.extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: 30 });
    expect(refused.message).toBe('请求过于频繁，请 30 秒后重试');
    expect(errorsOf(subscribe(limits, REGION, caller('other', Role.LEADER)))).toEqual([]);
  });

  it('suggests field names in the demo and not in production', () => {
    const misspelt = 'subscription { regionStats(code: "990100") { nam } }';
    const demo = errorsOf(subscribe(new RequestLimits({ requestsPerMinute: 10, production: false }), misspelt));
    expect(demo[0].message).toBe('Cannot query field "nam" on type "Region". Did you mean "name"?');
    const production = errorsOf(subscribe(new RequestLimits({ requestsPerMinute: 10, production: true }), misspelt));
    expect(production[0].message).toBe('Cannot query field "nam" on type "Region".');
  });
});
