// Formats the bench results as a compact table with PASS/SHORT against the targets.
import type { HttpResult } from './http.ts';
import type { MswResult } from './msw.ts';
import { percentile } from './stats.ts';

export const TARGETS = { httpMinRatio: 0.6, mockServerMinRatio: 10, mswMaxRatio: 1.3 };

const n = (value: number, digits = 0): string => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const iqr = (ratios: number[]): string => `${n(percentile(ratios, 25), 2)}–${n(percentile(ratios, 75), 2)}`;
const spread = (ratios: number[]): string => `${n(Math.min(...ratios), 2)}–${n(Math.max(...ratios), 2)}`;

export function report(header: string, http: HttpResult, msw: MswResult): string {
  const httpOk = http.ratio >= TARGETS.httpMinRatio;
  const mockOk = http.mockServerRatio >= TARGETS.mockServerMinRatio;
  const mswOk = msw.ratio <= TARGETS.mswMaxRatio;
  const row = (name: string, s: HttpResult['doubles']): string =>
    `  ${name.padEnd(24)}${n(s.rps).padStart(9)}${n(s.p50Ms, 3).padStart(10)}${n(s.p99Ms, 3).padStart(10)}`;
  return [
    header,
    `(a) HTTP token endpoint (journal on)  req/s    p50 ms    p99 ms`,
    row('oauth-doubles server', http.doubles),
    row('node:http baseline', http.baseline),
    row('oauth2-mock-server', http.mockServer),
    `  ratio server/baseline   ${n(http.ratio, 2)}× (rounds ${spread(http.ratios)})  target ≥ ${TARGETS.httpMinRatio}×  ${httpOk ? 'PASS' : 'SHORT'}`,
    `  ratio server/oauth2-mock-server  ${n(http.mockServerRatio, 1)}× (rounds ${spread(http.mockServerRatios)})  target ≥ ${TARGETS.mockServerMinRatio}×  ${mockOk ? 'PASS' : 'SHORT'}`,
    `(b) MSW token request        µs/req`,
    `  doubles handlers        ${n(msw.doublesUs, 1).padStart(9)}`,
    `  static handler          ${n(msw.staticUs, 1).padStart(9)}`,
    `  ratio doubles/static    ${n(msw.ratio, 2)}× (${msw.pairs.length} pairs, IQR ${iqr(msw.ratios)})  target ≤ ${TARGETS.mswMaxRatio}×  ${mswOk ? 'PASS' : 'SHORT'}`,
    `  harness.fetch alone     ${n(msw.harnessUs, 1).padStart(9)}   (diagnostic: our code without MSW)`,
  ].join('\n');
}
