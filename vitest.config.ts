// Test configuration: every *.test.ts under test/ and contract-tests/.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'contract-tests/**/*.test.ts'],
    // The consumer project's files run inside the packed package's own project (npm run test:consumer).
    exclude: ['test/consumer/**', 'node_modules/**'],
    testTimeout: 60_000, // spawned CLIs and servers share two cores with the rest of the run
    hookTimeout: 30_000,
  },
});
