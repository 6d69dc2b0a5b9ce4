import { loadConfig } from '@bizenv/common/config';
import { InProcessEventBus } from '@bizenv/common/event-bus';
import { ephemeralSystemEnv, startSystem, type RunningSystem } from '../system.js';

/** The MySQL server the scale data lives on (`SCALE_MYSQL_URL`, else TEST_MYSQL_URL, else local root). */
export const MYSQL_SERVER = process.env.SCALE_MYSQL_URL || process.env.TEST_MYSQL_URL || 'mysql://root@127.0.0.1:3306';

/** Database prefix of one scale's data set: `scale_0_02` for --scale 0.02 (its four databases are `<prefix>_<subgraph>`). */
export function scalePrefix(scale: number): string {
  return `scale_${String(scale).replace('.', '_')}`;
}

export interface ScaleSystem extends RunningSystem {
  url: string;
  query<T = any>(document: string, variables?: Record<string, unknown>, token?: string): Promise<T>;
  login(username: string): Promise<string>;
}

/**
 * The whole system in this process (four subgraphs and the gateway, as `npm start` runs it) on
 * the scale data set's databases, demo accounts seeded when empty; no rate limit, since the
 * generator and the benchmarks are one caller sending many requests.
 */
export async function startScaleSystem(prefix: string): Promise<ScaleSystem> {
  const config = loadConfig({
    ...ephemeralSystemEnv(`${MYSQL_SERVER}/${prefix}`),
    RATE_LIMIT_PER_MINUTE: '100000000',
  });
  const system = await startSystem(config, { bus: new InProcessEventBus(), seed: true });
  const url = system.gateway.url;
  const query: ScaleSystem['query'] = async (document, variables = {}, token) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: document, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    if (body.errors?.length) throw new Error(`${document.slice(0, 60)}…: ${JSON.stringify(body.errors).slice(0, 600)}`);
    return body.data;
  };
  return {
    ...system,
    url,
    query,
    async login(username) {
      const data = await query('mutation($u: String!) { login(username: $u, password: "Demo@2026") { token } }', { u: username });
      return data.login.token;
    },
  };
}
