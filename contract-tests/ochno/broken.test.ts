// Each Ochno check bites: every deliberately broken client fails its check, by name and cause, and no check its bug does not explain.
import { describe, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { describeBrokenClients, expectFailsExactly, type BrokenClients } from '../test-support/broken.ts';
import { BROKEN, brokenAdapter, type Bugs } from './broken-clients.ts';
import type { OchnoOperations, OchnoSettings } from './settings.ts';
import { ochnoSuite } from './suite.ts';

const SECRET = createHarness().credentials('ochno', 'production').clientSecret;
const BENCH: BrokenClients<OchnoSettings, OchnoOperations, Bugs> = {
  suite: ochnoSuite,
  broken: BROKEN,
  adapter: brokenAdapter,
  secretPieces: [SECRET, SECRET.replace('+', ' '), ...SECRET.split(/[+/=]/).filter((p) => p.length >= 4)],
};

describeBrokenClients(BENCH);

/** Bugs whose detection leans on the transport: encodings on the wire, loops held in the tarpit, timers in virtual time. */
const OVER_HTTP = [
  'builds the token form by string concatenation',
  'keeps using the first refresh token',
  'renews and retries every 401 without end',
  'never extends its webhook subscription',
  'has no time-out on the client-credentials request',
  'retries a refresh that timed out',
];

describe('each Ochno check bites under the HTTP transport too', () => {
  for (const broken of BROKEN.filter((b) => OVER_HTTP.includes(b.name))) {
    it(`a client that ${broken.name} fails exactly ${broken.fails.join(' + ')}`, async () => {
      await expectFailsExactly(BENCH, broken, 'http');
    });
  }
});
