// Each Octorate check bites: every deliberately broken client fails its check, by name and cause, and no check its bug does not explain.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { describeBrokenClients, expectFailsExactly, type BrokenClients } from '../test-support/broken.ts';
import { BROKEN, brokenAdapter, type Bugs } from './broken-clients.ts';
import type { OctorateOperations, OctorateSettings } from './settings.ts';
import { octorateSuite } from './suite.ts';

/** The seeded PRODUCTION application's secret (seed 1) and the pieces a client that does not form-encode scatters it into. */
const SECRET = createHarness().credentials('octorate', 'production').clientSecret;
const BENCH: BrokenClients<OctorateSettings, OctorateOperations, Bugs> = {
  suite: octorateSuite,
  broken: BROKEN,
  adapter: brokenAdapter,
  secretPieces: [SECRET, SECRET.replace('+', ' '), ...SECRET.split(/[+/=]/).filter((p) => p.length >= 4)],
};

describeBrokenClients(BENCH);

/** Bugs whose detection leans on the transport: loops held in the tarpit, virtual time for a delayed job, scenarios over the wire. */
const OVER_HTTP = [
  'builds the identity forms by string concatenation',
  'exchanges the code from a job 90 s later',
  'never checks the state',
  'parses expireDate with new Date()',
  'refreshes and retries every 401 without end',
  'renews its token on a quota error',
];

describe('a bug in the refresh alone', () => {
  it('fails octorate.refresh-form and blocks only what needs a refresh: the connection, the apilogin checks and the quota still run', async () => {
    const report = await expectFailsExactly(BENCH, BROKEN.find((b) => b.name === 'sends the refresh alone as JSON')!, 'msw');
    const passed = report.results.filter((r) => r.status === 'passed').map((r) => r.id);
    expect(passed).toEqual(expect.arrayContaining(['octorate.grant-type-code', 'octorate.code-exchange', 'octorate.token-kinds', 'octorate.quota', 'octorate.apilogin-refused']));
    expect(report.results.find((r) => r.id === 'octorate.refresh-token')).toMatchObject({ status: 'blocked', blockedBy: ['octorate.refresh-form'] });
  });
});

describe('each Octorate check bites under the HTTP transport too', () => {
  for (const broken of BROKEN.filter((b) => OVER_HTTP.includes(b.name))) {
    it(`a client that ${broken.name} fails exactly ${broken.fails.join(' + ')}`, async () => {
      await expectFailsExactly(BENCH, broken, 'http');
    });
  }
});
