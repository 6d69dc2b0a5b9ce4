import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['services/*/src/**/*.spec.ts', 'gateway/src/**/*.spec.ts'],
  },
});
