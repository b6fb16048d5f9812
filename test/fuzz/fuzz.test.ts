// Fuzzing in CI: every endpoint of every provider and of the admin API, bounded (FUZZ_CI_RUNS, default 100 per endpoint).
import { describe, expect, it } from 'vitest';
import { fuzz } from './engine.ts';

/** 100 per endpoint keeps this near a minute on a busy two-core machine; `npm run fuzz` sends 10,000 per endpoint. */
const RUNS = Number(process.env['FUZZ_CI_RUNS'] ?? 100);

describe('fuzzing every endpoint over the HTTP server', () => {
  it(`${RUNS} requests per endpoint: no 5xx, no request left unanswered, every error in the provider's shape, healthy afterwards`, async () => {
    const report = await fuzz({ runs: RUNS, seed: 1, concurrency: 8 });
    console.log(`fuzz: ${report.endpoints} endpoints, ${report.requests} requests in ${(report.ms / 1000).toFixed(1)} s, 5xx: ${report.serverErrors}, findings: ${report.findings.length}`);
    expect(report.endpoints).toBeGreaterThanOrEqual(30);
    expect(report.requests).toBe(report.endpoints * RUNS);
    expect(report.findings.slice(0, 5)).toEqual([]);
    expect(report.serverErrors).toBe(0);
    expect(report.healthyAfter).toBe(true);
  }, 180_000);
});
