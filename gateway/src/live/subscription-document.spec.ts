import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { rootFieldOf, subscribedRegion, toLiveQuery } from './subscription-document.js';

describe('subscription to live query', () => {
  it('turns regionStats into an aliased region query that keeps the selection and fragments', () => {
    const document = parse(`
      subscription Screen($code: ID!) { regionStats(code: $code) { name ...Counts } }
      fragment Counts on Region { complaintStats { overdue } }
    `);
    const live = toLiveQuery(document, 'Screen', { code: '990102' });
    expect(live.regionCode).toBe('990102');
    expect(print(live.query)).toContain('query Screen($code: ID!) {\n  regionStats: region(code: $code) {');
    expect(print(live.query)).toContain('fragment Counts on Region');
  });

  it('keeps a client alias and reads an inline region code', () => {
    const live = toLiveQuery(parse('subscription { city: regionStats(code: "990100") { name } }'), undefined, {});
    expect(live.regionCode).toBe('990100');
    expect(print(live.query)).toContain('city: region(code: "990100")');
  });

  it('refuses a query operation or an unknown root field', () => {
    expect(() => toLiveQuery(parse('query { region(code: "990100") { name } }'), undefined, {})).toThrow('不支持的订阅');
    expect(() => toLiveQuery(parse('subscription { regionStats(code: $c) { name } }'), undefined, {})).toThrow('缺少区域代码');
  });

  it('names the region each subscription watches, for the permission check', () => {
    const region = (text: string, variables: Record<string, unknown> = {}) => subscribedRegion(rootFieldOf(parse(text), undefined, variables)!);
    expect(region('subscription { regionStats(code: "990102") { name } }')).toBe('990102');
    expect(region('subscription($r: ID!) { feed: dispatchEvents(regionCode: $r) { version } }', { r: '990103' })).toBe('990103');
    expect(region('subscription { dispatchEvents(regionCode: "990103", after: "1-0") { version } }')).toBe('990103');
    expect(region('subscription { regionStats(code: $c) { name } }')).toBeNull();
  });
});
