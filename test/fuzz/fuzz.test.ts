// Fuzzing in CI: every endpoint of every provider and of the admin API, bounded: 1,000 requests per endpoint through
// harness.fetch (the engine every transport carries to) and 100 over the HTTP server. FUZZ_CI_RUNS changes both.
import { describe, expect, it } from 'vitest';
import { fuzz } from './engine.ts';

const override = process.env['FUZZ_CI_RUNS'] === undefined ? undefined : Number(process.env['FUZZ_CI_RUNS']);
/** About 15 s in-process and 10 s over HTTP on a quiet two-core machine; `npm run fuzz` sends 10,000 per endpoint. */
const RUNS = { 'in-process': override ?? 1000, http: override ?? 100 } as const;

describe('fuzzing every endpoint', () => {
  for (const transport of ['in-process', 'http'] as const) {
    const runs = RUNS[transport];
    it(`${transport}: ${runs} requests per endpoint, no 5xx, no request left unanswered, every error in the provider's shape, healthy afterwards`, async () => {
      const report = await fuzz({ runs, seed: 1, concurrency: transport === 'http' ? 8 : 16, transport });
      console.log(`fuzz (${transport}): ${report.endpoints} endpoints, ${report.requests} requests in ${(report.ms / 1000).toFixed(1)} s, 5xx: ${report.serverErrors}, findings: ${report.findings.length}`);
      expect(report.endpoints).toBeGreaterThanOrEqual(30);
      expect(report.requests).toBe(report.endpoints * runs);
      expect(report.findings.slice(0, 5)).toEqual([]);
      expect(report.serverErrors).toBe(0);
      expect(report.healthyAfter).toBe(true);
    }, 300_000);
  }
});
