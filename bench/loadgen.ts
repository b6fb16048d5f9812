// Load-generator child process: keep-alive raw-socket HTTP/1.1 clients with µs latencies, driven over IPC.
// Hand-written because autocannon, the usual choice, reports latency in whole milliseconds: every p50 here is below one.
import { connect } from 'node:net';
import { responseEnd } from './http1.ts';
import { percentile } from './stats.ts';

export interface LoadJob { port: number; path: string; body: string; connections: number; durationMs: number }
export interface LoadResult { requests: number; non200: number; errors: number; rps: number; p50Ms: number; p99Ms: number; loadgenCpu: number }

function run(job: LoadJob): Promise<LoadResult> {
  const request = Buffer.from(
    `POST ${job.path} HTTP/1.1\r\nHost: 127.0.0.1:${job.port}\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
      `Content-Length: ${Buffer.byteLength(job.body)}\r\n\r\n${job.body}`,
  );
  const latencies: number[] = [];
  let non200 = 0;
  let errors = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  const deadline = start + job.durationMs;
  return new Promise((resolve) => {
    let open = job.connections;
    const finished = (): void => {
      if (--open > 0) return;
      const seconds = (performance.now() - start) / 1000;
      const used = process.cpuUsage(cpu);
      // loadgenCpu near 1 would mean the load generator, not the server, limits req/s.
      const loadgenCpu = (used.user + used.system) / 1e6 / seconds;
      resolve({ requests: latencies.length, non200, errors, rps: latencies.length / seconds, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), loadgenCpu });
    };
    for (let i = 0; i < job.connections; i++) {
      const socket = connect(job.port, '127.0.0.1');
      socket.setNoDelay(true);
      let buf: Buffer | null = null;
      let sentAt = 0;
      let closed = false;
      const close = (): void => {
        if (closed) return;
        closed = true;
        socket.destroy();
        finished();
      };
      const send = (): void => {
        sentAt = performance.now();
        socket.write(request);
      };
      socket.on('connect', send);
      socket.on('data', (chunk: Buffer) => {
        buf = buf ? Buffer.concat([buf, chunk]) : chunk;
        const end = responseEnd(buf);
        if (end === -1) return;
        const now = performance.now();
        latencies.push(now - sentAt);
        if (buf.toString('latin1', 9, 12) !== '200') non200++;
        buf = end === buf.length ? null : buf.subarray(end);
        if (now < deadline) send();
        else close();
      });
      socket.on('error', () => {
        errors++;
        close();
      });
      socket.on('close', close);
    }
  });
}

process.on('message', (job: LoadJob) => {
  void run(job).then((result) => process.send!(result));
});
process.on('disconnect', () => process.exit(0));
