/**
 * Prints each subgraph's SDL into schema/ and composes schema/supergraph.graphql offline.
 * `--check` regenerates in memory and fails when the committed files differ (CI runs it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { REPO_ROOT, SUBGRAPHS } from '@bizenv/common/config';
import { parse } from 'graphql';
import { subgraphDefinitions } from './subgraphs.js';

const check = process.argv.includes('--check');
const definitions = subgraphDefinitions({ authSecret: new Uint8Array(32), production: false, identity: undefined });
const files = new Map<string, string>();
const services = [];
for (const name of SUBGRAPHS) {
  const sdl = printSubgraphSchema(await definitions[name].buildSchema());
  files.set(`${name}.graphql`, `${sdl.trim()}\n`);
  // The URL is a placeholder: the gateway takes the real ones from its configuration.
  services.push({ name, url: `http://${name}/graphql`, typeDefs: parse(sdl) });
}
const composed = composeServices(services);
if (composed.errors) {
  for (const error of composed.errors) console.error(`composition error: ${error.message}`);
  process.exit(1);
}
files.set('supergraph.graphql', `${composed.supergraphSdl.trim()}\n`);

let drift = 0;
for (const [file, content] of files) {
  const path = resolve(REPO_ROOT, 'schema', file);
  if (!check) {
    writeFileSync(path, content);
    continue;
  }
  let committed = '';
  try {
    committed = readFileSync(path, 'utf8');
  } catch {}
  if (committed !== content) {
    console.error(`schema drift: schema/${file} differs from what the code generates (run \`npm run schema\`)`);
    drift++;
  }
}
if (check && drift) process.exit(1);
console.log(check ? `schema check: ${files.size} files match the code` : `schema: wrote ${files.size} files to schema/`);
