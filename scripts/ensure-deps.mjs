// Installs the workspace's dependencies when they are missing or older than the lockfile, so
// `npm start` and `npm test` work on a fresh clone with nothing but Node.js and npm.
import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = resolve(root, 'node_modules/.bizenv-installed');
const lock = readFileSync(resolve(root, 'pnpm-lock.yaml'));
const hash = createHash('sha256').update(lock).digest('hex');

if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== hash) {
  const pnpm = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')).packageManager;
  console.log(`[setup] installing dependencies with ${pnpm} (first run only)…`);
  execSync(`npx --yes ${pnpm} install --frozen-lockfile`, { cwd: root, stdio: 'inherit' });
  writeFileSync(stamp, hash);
}
