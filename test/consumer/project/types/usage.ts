// A user's file touching every public entry point, type-checked by the user's own tsc under strict flags.
import { createClock, createHarness, DoubleError, type Harness, type JournalEntry } from 'oauth-doubles';
import {
  defineAdapter,
  octorateSuite,
  oneioSuite,
  OneioClient,
  runSuite,
  type OctorateOperations,
  type OctorateSettings,
  type OneioOperations,
  type OneioSettings,
  type SuiteReport,
} from 'oauth-doubles/contract-tests';
import { describeContract } from 'oauth-doubles/contract-tests/vitest';
import { mswHandlers, setupDoubles, type Doubles } from 'oauth-doubles/mocks';
import { approveAuthorization, connectionSettings, type OctorateConnection } from 'oauth-doubles/octorate';
import { connectionSettings as oneioConnection, type OneioConnection } from 'oauth-doubles/oneio';
import { startServer, type RunningServer } from 'oauth-doubles/server';

const harness: Harness = createHarness({ seed: 7, clock: { frozen: true, start: 0 } });
const clock = createClock();
clock.advance(10);
const doubles: Doubles = setupDoubles({ seed: 1 });
const handlers = mswHandlers(harness);
const entries: JournalEntry[] = harness.journal.entries({ provider: 'oneio' });
const error = new DoubleError('invalid_request', 'bad form');

const oneio = defineAdapter<OneioSettings, OneioOperations>({
  name: 'typed ONEiO adapter',
  create(settings) {
    const client = new OneioClient({ tokenUrl: settings.tokenUrl, receiverUrl: settings.receiverUrl, clientId: settings.clientId, clientSecret: settings.clientSecret });
    return { deliver: (message) => client.deliver(message) };
  },
});
describeContract(oneioSuite, oneio, { transport: 'http' });
const report: Promise<SuiteReport> = runSuite(oneioSuite, oneio, { transport: 'msw', seed: 2 });

declare const octorate: { create(settings: OctorateSettings): OctorateOperations; name: string };
describeContract(octorateSuite, octorate);

export async function everything(): Promise<[string, OctorateConnection, OneioConnection, RunningServer]> {
  const app = connectionSettings(doubles, { environment: 'sandbox' });
  const redirect: string = await approveAuthorization(doubles, { clientId: app.clientId, redirectUri: app.redirectUri, state: 's' });
  const server = await startServer({ harness, port: 0 });
  const qa = oneioConnection(harness, { environment: 'qa', base: server.base });
  return [redirect, app, qa, server];
}

export { entries, error, handlers, report };
