// Bad input at the proxy and TLS doors: each gets a clear answer or a closed connection, in bounded time, and the server keeps serving.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { startServer, type RunningServer } from '../../server/serve.ts';
import { rawConversation, send } from '../support/raw.ts';

/** Short on purpose, so that a connection left hanging shows as a closed one in well under the test's deadline. */
const TIMEOUT_MS = 400;
const harness = createHarness({ seed: 13 });
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ harness, port: 0, https: { caDir: join(mkdtempSync(join(tmpdir(), 'oauth-doubles-bad-')), 'ca'), handshakeTimeoutMs: TIMEOUT_MS } });
});
afterAll(() => server.close());

// After every case: the same server still answers a plain request and a request through a tunnel.
afterEach(async () => {
  expect((await fetch(`${server.url}/__admin/clock`)).status).toBe(200);
  const tunnelled = await send(server.port, 'CONNECT api.octorate.com:80 HTTP/1.1\r\nHost: api.octorate.com:80\r\n\r\nGET /connect/rest/v1/user/info HTTP/1.1\r\nHost: api.octorate.com\r\nConnection: close\r\n\r\n');
  expect(tunnelled.text).toMatch(/^HTTP\/1\.1 200 Connection Established\r\n\r\nHTTP\/1\.1 401 /);
});

const CONNECT_443 = 'CONNECT api.octorate.com:443 HTTP/1.1\r\nHost: api.octorate.com:443\r\n\r\n';
const ESTABLISHED = 'HTTP/1.1 200 Connection Established\r\n\r\n';

describe('malformed CONNECT', () => {
  for (const target of ['api.octorate.com', 'api.octorate.com:', 'api.octorate.com:99999', '[::zz]:443', 'user@api.octorate.com:443', '/path']) {
    it(`answers "CONNECT ${target}" with 400 naming the expected form, and closes`, async () => {
      const answer = await send(server.port, `CONNECT ${target} HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(answer.text).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(answer.text).toContain('it must be host:port, e.g. api.octorate.com:443');
      expect(answer.closedByServer).toBe(true);
    });
  }

  it('closes a CONNECT line that is not HTTP at all', async () => {
    const answer = await send(server.port, 'CONNECT\r\n\r\n');
    expect(answer.closedByServer).toBe(true);
    expect(answer.text === '' || answer.text.startsWith('HTTP/1.1 400')).toBe(true);
  });
});

describe('after CONNECT', () => {
  it('closes a tunnel that sends nothing', async () => {
    const answer = await send(server.port, CONNECT_443, 5000);
    expect(answer.text).toBe(ESTABLISHED);
    expect(answer.closedByServer).toBe(true);
    expect(answer.elapsedMs).toBeLessThan(4000);
  });

  it('closes a TLS handshake that starts and never completes', async () => {
    // A ClientHello record header promising 512 bytes, then silence.
    const answer = await rawConversation(server.port, (socket) => {
      socket.write(CONNECT_443);
      setTimeout(() => socket.write(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01])), 50);
    });
    expect(answer.text.startsWith(ESTABLISHED)).toBe(true);
    expect(answer.closedByServer).toBe(true);
    expect(answer.elapsedMs).toBeLessThan(4000);
  });

  it('answers garbage with 400 and closes', async () => {
    const answer = await send(server.port, `${CONNECT_443}\u0000\u0001\u0002 not http at all\r\n\r\n`);
    expect(answer.text.startsWith(ESTABLISHED)).toBe(true);
    expect(answer.text.slice(ESTABLISHED.length)).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer.closedByServer).toBe(true);
  });

  it('answers HTTP/2 with prior knowledge with GOAWAY HTTP_1_1_REQUIRED and a reason, then closes', async () => {
    const answer = await send(server.port, `${CONNECT_443}PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n`);
    const frames = answer.bytes.subarray(ESTABLISHED.length);
    expect(frames[3]).toBe(0x4); // SETTINGS
    expect(frames[9 + 3]).toBe(0x7); // GOAWAY
    expect(frames.readUInt32BE(9 + 9 + 4)).toBe(0xd); // HTTP_1_1_REQUIRED (RFC 9113 7)
    expect(frames.toString('latin1')).toContain('speaks HTTP/1.1 only');
    expect(answer.closedByServer).toBe(true);
  });

  it('closes a TLS handshake sent into a port-80 tunnel, as the real host would not answer it either', async () => {
    const answer = await rawConversation(server.port, (socket) => {
      socket.write('CONNECT api.octorate.com:80 HTTP/1.1\r\nHost: api.octorate.com:80\r\n\r\n');
      setTimeout(() => socket.write(Buffer.from([0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x00])), 50);
    });
    expect(answer.text).toBe(ESTABLISHED);
    expect(answer.closedByServer).toBe(true);
  });

  it('takes the CONNECT and the first bytes of the tunnel in one packet', async () => {
    const answer = await send(server.port, `CONNECT api.octorate.com:80 HTTP/1.1\r\nHost: api.octorate.com:80\r\n\r\nGET /connect/rest/v1/user/info HTTP/1.1\r\nHost: api.octorate.com\r\nConnection: close\r\n\r\n`);
    expect(answer.text).toMatch(/^HTTP\/1\.1 200 Connection Established\r\n\r\nHTTP\/1\.1 401 /);
  });
});

describe('on the server\'s own port', () => {
  it('closes a connection that sends nothing', async () => {
    const answer = await rawConversation(server.port, () => undefined, 5000);
    expect(answer).toMatchObject({ text: '', closedByServer: true });
    expect(answer.elapsedMs).toBeLessThan(4000);
  });

  it('answers HTTP/2 with prior knowledge with GOAWAY HTTP_1_1_REQUIRED', async () => {
    const answer = await send(server.port, 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
    expect(answer.bytes.readUInt32BE(9 + 9 + 4)).toBe(0xd);
    expect(answer.closedByServer).toBe(true);
  });

  it('fails a TLS client that offers only h2 by ALPN at the handshake, with a clear alert', async () => {
    const error = await new Promise<Error>((resolve) => {
      const socket = tlsConnect({ host: '127.0.0.1', port: server.port, servername: 'api.octorate.com', ALPNProtocols: ['h2'], rejectUnauthorized: false });
      socket.once('secureConnect', () => {
        resolve(new Error(`negotiated ${String(socket.alpnProtocol)}`));
        socket.destroy();
      });
      socket.once('error', resolve);
    });
    expect(error.message).toMatch(/no application protocol|NO_APPLICATION_PROTOCOL|negotiated false/i);
  });

  it('survives many abandoned handshakes and tunnels at once', async () => {
    const abandoned = Array.from({ length: 40 }, (_, i) =>
      rawConversation(server.port, (socket) => socket.write(i % 2 ? CONNECT_443 : Buffer.from([0x16, 0x03, 0x01, 0x00, 0x40])), 5000),
    );
    const answers = await Promise.all(abandoned);
    expect(answers.every((a) => a.closedByServer)).toBe(true);
  });
});
