/**
 * Writes gateway/src/limits/screen-documents.json, the wall screen's allow-list, from the
 * GraphQL documents in dashboard/src/api/*.ts. Run it after changing one of them; the test
 * gateway/src/limits/screen-allow-list.spec.ts fails while the two differ.
 */
import { writeFileSync } from 'node:fs';
import { SCREEN_DOCUMENTS_FILE, type ScreenDocumentsManifest } from '@bizenv/gateway/limits/screen-allow-list';
import { screenDocumentsIn } from '@bizenv/gateway/limits/screen-documents';

const GENERATED_BY = 'npx tsx scripts/screen-documents.ts (from dashboard/src/api/*.ts)';

const manifest: ScreenDocumentsManifest = { generatedBy: GENERATED_BY, documents: screenDocumentsIn() };
writeFileSync(SCREEN_DOCUMENTS_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`screen documents: wrote ${Object.keys(manifest.documents).length} to ${SCREEN_DOCUMENTS_FILE.pathname}`);
