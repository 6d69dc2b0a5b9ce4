import { createHash } from 'node:crypto';

/**
 * A UUID-shaped id derived from a name, so demo data seeded separately in each subgraph refers
 * to the same unit or region without the subgraphs reading each other's tables.
 */
export function stableId(name: string): string {
  const hex = createHash('sha1').update(`bizenv:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
