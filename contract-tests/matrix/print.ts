// `npm run matrix`: runs the compatibility matrix and prints it as the README's Markdown table.
import { failing, runMatrix } from './run.ts';

const rows = await runMatrix();
const key = (r: { library: string; config: string; provider: string }): string => `${r.library}|${r.config}|${r.provider}`;
const seen = new Map<string, typeof rows>();
for (const row of rows) seen.set(key(row), [...(seen.get(key(row)) ?? []), row]);
console.log('| library | configuration | provider | checks passed (msw / http) | what fails, and why |');
console.log('| --- | --- | --- | --- | --- |');
for (const group of seen.values()) {
  const [first] = group;
  const counts = group.map((r) => `${r.report.counts.passed}/${r.report.results.length}`).join(' / ');
  const fails = failing(first!.report)
    .filter((f) => f.status === 'failed')
    .map((f) => `\`${f.id}\`: ${f.why.replace(/\|/g, '\\|')}`)
    .join('<br>');
  console.log(`| ${first!.library} | ${first!.config} | ${first!.provider} | ${counts} | ${fails || '—'} |`);
}
