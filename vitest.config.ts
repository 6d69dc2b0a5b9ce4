import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';

// Apollo loads graphql's CommonJS build; our modules must get the same copy, not the ESM one.
const graphql = createRequire(new URL('./gateway/package.json', import.meta.url)).resolve('graphql');

// The screen's single-file components, for its component tests (they choose happy-dom with
// `// @vitest-environment happy-dom`); the plugin is the dashboard's own, it compiles only .vue.
const vuePluginPath = createRequire(new URL('./dashboard/package.json', import.meta.url)).resolve('@vitejs/plugin-vue');
const { default: vue } = (await import(pathToFileURL(vuePluginPath).href)) as { default: () => Plugin };

export default defineConfig({
  plugins: [vue()],
  resolve: { alias: [{ find: /^graphql$/, replacement: graphql }] },
  test: {
    include: [
      'services/*/src/**/*.spec.ts',
      'services/*/test/**/*.test.ts',
      'gateway/src/**/*.spec.ts',
      'dashboard/src/**/*.spec.ts',
      'scripts/**/*.spec.ts',
      'test/**/*.test.ts',
    ],
    // Decorators read the metadata API at import time; load it before any test module.
    setupFiles: ['./test/setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
