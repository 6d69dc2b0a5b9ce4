import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from '@bizenv/common/config';
import { getOperationAST, parse } from 'graphql';
import { normaliseDocument } from './screen-allow-list.js';

/** Where the screen keeps its GraphQL documents, one typed function per call. */
const SCREEN_API_DIR = resolve(REPO_ROOT, 'dashboard/src/api');

const TAGGED_DOCUMENT = /\/\*\s*GraphQL\s*\*\/\s*`([^`]*)`/g;

/**
 * The documents written as GraphQL-tagged template literals in the screen's API modules, by
 * operation name, normalised. A document built with `${…}` cannot be listed and is refused.
 */
export function screenDocumentsIn(dir: string = SCREEN_API_DIR): Record<string, string> {
  const documents: Record<string, string> = {};
  const files = readdirSync(dir).filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts')).sort();
  for (const file of files) {
    for (const [, text] of readFileSync(resolve(dir, file), 'utf8').matchAll(TAGGED_DOCUMENT)) {
      if (text.includes('${')) throw new Error(`${file}: a screen document must be a constant, not built with \${…}`);
      const document = parse(text);
      const name = getOperationAST(document)?.name?.value;
      if (!name) throw new Error(`${file}: each screen document needs exactly one named operation`);
      if (documents[name]) throw new Error(`${file}: a second screen operation named ${name}`);
      documents[name] = normaliseDocument(document);
    }
  }
  return documents;
}
