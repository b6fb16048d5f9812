// The server thread of `oauth-doubles serve`: runs the server and stops it when the main thread says so.
import { parentPort, workerData } from 'node:worker_threads';
import { runServe, type ServeJob } from './serve.ts';

const stop = await runServe(workerData as ServeJob);
parentPort!.postMessage('listening');
parentPort!.on('message', (message: unknown) => {
  if (message === 'stop') void stop().then(() => process.exit(0));
});
