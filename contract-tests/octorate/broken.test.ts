// Each Octorate check bites: every deliberately broken client fails its check, by name and cause, and no check its bug does not explain.
import { describe, it } from 'vitest';
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

describe('each Octorate check bites under the HTTP transport too', () => {
  for (const broken of BROKEN.filter((b) => OVER_HTTP.includes(b.name))) {
    it(`a client that ${broken.name} fails exactly ${broken.fails.join(' + ')}`, async () => {
      await expectFailsExactly(BENCH, broken, 'http');
    });
  }
});
