// Each check bites: every deliberately broken client fails its check, by name and cause, and no check its bug does not explain.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { describeBrokenClients, expectFailsExactly, type BrokenClients } from '../test-support/broken.ts';
import { BROKEN, brokenAdapter, type Bugs } from './broken-clients.ts';
import type { OneioOperations, OneioSettings } from './settings.ts';
import { oneioSuite } from './suite.ts';

/** The seeded QA password (seed 1) and the pieces a client that does not form-encode scatters it into. */
const SECRET = createHarness().credentials('oneio', 'qa').clientSecret;
const BENCH: BrokenClients<OneioSettings, OneioOperations, Bugs> = {
  suite: oneioSuite,
  broken: BROKEN,
  adapter: brokenAdapter,
  secretPieces: [SECRET, ...SECRET.split(/[+&=]/).filter((p) => p.length >= 4)],
};

describeBrokenClients(BENCH);

/** Bugs whose detection leans on the transport: hard-coded real hosts, loops held in the tarpit, virtual Retry-After. */
const OVER_HTTP = ['checks its QA credentials against PROD at start-up', 're-sends the refused token after a 401 without end', 'retries a 429 at once', 'ignores expires_in and keeps the expired token'];

describe('each ONEiO check bites under the HTTP transport too', () => {
  for (const broken of BROKEN.filter((b) => OVER_HTTP.includes(b.name))) {
    it(`a client that ${broken.name} fails exactly ${broken.fails.join(' + ')}`, async () => {
      const report = await expectFailsExactly(BENCH, broken, 'http');
      if (broken.bugs.prodHealthCheck) {
        const qa = report.results.find((r) => r.id === 'oneio.qa-stays-qa')!;
        expect(qa.notes.join('\n')).toContain('straight to real provider hosts instead of the URLs in its settings (POST https://receiver-authz.service-flow.com/oauth2/token)');
      }
    });
  }
});
