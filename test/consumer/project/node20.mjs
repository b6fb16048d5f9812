// Run on a Node.js older than 22.12: each in-process part must refuse at once with the version message; the server must work.
import { createHarness } from 'oauth-doubles';
import { oneioSuite, runSuite } from 'oauth-doubles/contract-tests';
import { mswHandlers, setupDoubles } from 'oauth-doubles/mocks';
import { startServer } from 'oauth-doubles/server';
import { connectionSettings } from 'oauth-doubles/oneio';

const refusals = {};
const attempt = async (name, run) => {
  try {
    await run();
    refusals[name] = 'did not refuse';
  } catch (error) {
    refusals[name] = error instanceof Error ? error.message : String(error);
  }
};
await attempt('setupDoubles', () => setupDoubles());
await attempt('mswHandlers', () => mswHandlers(createHarness()));
await attempt('runSuite', () => runSuite(oneioSuite, { name: 'x', create: () => ({ deliver: async () => undefined }) }));

const harness = createHarness({ seed: 3 });
const server = await startServer({ harness, port: 0 });
const qa = connectionSettings(harness, { base: server.base });
const answer = await fetch(qa.tokenUrl, {
  method: 'POST',
  body: new URLSearchParams({ grant_type: 'client_credentials', client_id: qa.clientId, client_secret: qa.clientSecret }),
});
await server.close();
console.log(JSON.stringify({ node: process.versions.node, refusals, serverToken: answer.status }));
