import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { PeerClient } from '@bizenv/common/peer-client';

const MATCHES = `query($names: [String!]!, $regionCode: ID!) { unitNameMatches(names: $names, regionCode: $regionCode) { name candidates unit { id } } }`;

/** What a unit name in a sheet means: a unit's id, or why it means none. */
export type UnitLookup = { id: string } | { error: string };

/**
 * Unit names resolved by organization, which holds the units (this subgraph keeps ids only),
 * through a signed peer call: the client's word is not taken for which unit a name means.
 */
export interface UnitDirectory {
  /** Per name, the unit it means for an item of `regionCode`. */
  resolve(names: readonly string[], regionCode: string): Promise<Map<string, UnitLookup>>;
}

const MAX_NAME = 128;
/** Organization answers at most this many names a call. */
const BATCH = 2000;

const unavailable = () => new DomainError(ErrorCode.ServiceUnavailable, '暂时无法查询单位名录，请稍后重试', { service: 'organization' });

function lookup(match: Match): UnitLookup {
  if (match.unit) return { id: match.unit.id };
  if (!match.candidates) return { error: `未找到单位“${match.name}”` };
  return { error: `有${match.candidates}个单位名为“${match.name}”，无法确定是哪一个（均不在任务所属区域或其上级区域）` };
}

interface Match {
  name: string;
  candidates: number;
  unit: { id: string } | null;
}

export function unitDirectory(peers: PeerClient): UnitDirectory {
  return {
    async resolve(names, regionCode) {
      const result = new Map<string, UnitLookup>();
      const asked = [...new Set(names)].filter((name) => {
        if ([...name].length <= MAX_NAME) return true;
        result.set(name, { error: `单位名称“${[...name].slice(0, 20).join('')}…”过长（至多${MAX_NAME}字）` });
        return false;
      });
      if (asked.length && !peers.has('organization')) throw unavailable();
      for (let i = 0; i < asked.length; i += BATCH) {
        const variables = { names: asked.slice(i, i + BATCH), regionCode };
        const answer = await peers.query<{ unitNameMatches: Match[] }>('organization', [], MATCHES, variables).catch(() => {
          throw unavailable();
        });
        for (const match of answer.unitNameMatches) result.set(match.name, lookup(match));
      }
      return result;
    },
  };
}
