import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '@bizenv/common/config';

export const DASHBOARD_DIST = resolve(REPO_ROOT, 'dashboard/dist');

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestChange(join(path, entry))));
}

/** Builds the big screen when its bundle is missing or older than its sources. */
export function buildDashboardIfStale(): void {
  const dashboard = resolve(REPO_ROOT, 'dashboard');
  const built = resolve(DASHBOARD_DIST, 'index.html');
  const sources = ['src', 'index.html', 'vite.config.ts', 'public'].map((p) => join(dashboard, p)).filter(existsSync);
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newestChange))) return;
  console.log('[setup] building the big screen…');
  execFileSync(resolve(dashboard, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], { cwd: dashboard, stdio: 'inherit' });
}
