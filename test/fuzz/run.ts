// `npm run fuzz`: at least 10,000 fuzzed requests per endpoint (FUZZ_RUNS to change), figures printed, exit 1 on any finding.
import { fuzz } from './engine.ts';

const runs = Number(process.env['FUZZ_RUNS'] ?? 10_000);
const seed = Number(process.env['FUZZ_SEED'] ?? Date.now() % 1_000_000);
const transport = process.env['FUZZ_TRANSPORT'] === 'http' ? 'http' : 'in-process';
console.log(`fuzz: ${runs} requests per endpoint, seed ${seed}, ${transport} (FUZZ_RUNS, FUZZ_SEED, FUZZ_TRANSPORT=http|in-process)`);
const report = await fuzz({ runs, seed, concurrency: 16, transport, log: (line) => console.log(line) });
console.log(
  `fuzz (${transport}): seed ${report.seed}, ${report.endpoints} endpoints, ${report.requests} requests in ${(report.ms / 1000).toFixed(1)} s ` +
    `(${Math.round(report.requests / (report.ms / 1000))} req/s); 5xx: ${report.serverErrors}; findings: ${report.findings.length}; ` +
    `healthy afterwards: ${report.healthyAfter}`,
);
console.log(`statuses: ${JSON.stringify(report.statuses)}`);
// One example of each kind of finding.
const kinds = new Map(report.findings.map((f) => [`${f.endpoint}: ${f.problem.slice(0, 120)}`, f.request]));
for (const [kind, request] of [...kinds].slice(0, 40)) console.log(`  ${kind}\n    ${request}`);
process.exitCode = report.findings.length === 0 && report.healthyAfter ? 0 : 1;
