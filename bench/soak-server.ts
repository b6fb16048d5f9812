// The soak's server, in a process of its own so its RSS is its own: default limits, answers RSS and store figures over IPC.
import { createHarness } from '../index.ts';
import { startServer } from '../server/serve.ts';

const harness = createHarness({ seed: Number(process.env.SOAK_SEED ?? 1) });
const server = await startServer({ harness, port: 0 });
process.send!({ port: server.port });
process.on('message', (message: string) => {
  if (message === 'stats') {
    const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
    process.send!({ rss, heapUsed, heapTotal, external, stores: harness.stores() });
  }
});
process.on('disconnect', () => {
  void server.close().then(() => process.exit(0));
});
