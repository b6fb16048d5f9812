// TLS termination for the server's port and for CONNECT tunnels: the CA, the leaves, and a tls.Server that never listens itself.
import type { Socket } from 'node:net';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import { loadOrCreateCa, type LocalCa } from './ca.ts';
import { createLeafContexts } from './leaves.ts';

export interface TlsTerminatorOptions {
  caDir: string;
  /** Emulated hosts: each gets its own leaf, chosen by SNI. */
  hosts: readonly string[];
  /** The server's own names (localhost, 127.0.0.1, ::1, the bind address): one leaf for all. */
  localNames: readonly string[];
  /** A handshake not finished by then is dropped. */
  handshakeTimeoutMs: number;
  /** Gets every socket once its handshake is done, to be served as HTTP/1.1. */
  onSecure(socket: TLSSocket): void;
}

export interface TlsTerminator {
  readonly ca: LocalCa;
  /** Starts a TLS handshake on a socket whose first byte was a TLS record. */
  accept(socket: Socket): void;
}

export async function createTlsTerminator(options: TlsTerminatorOptions): Promise<TlsTerminator> {
  const ca = await loadOrCreateCa(options.caDir);
  const leaves = await createLeafContexts(ca, options.hosts, options.localNames);
  const server: Server = createServer(
    {
      ...leaves.fallback,
      // An unknown name gets the server's own certificate: the client then says the name does not match.
      SNICallback: (name, done) => {
        leaves.forName(name).then(
          (context) => done(null, context),
          (error: Error) => done(error),
        );
      },
      // HTTP/1.1 only: a client offering h2 falls back; one that insists on h2 is told so by the handshake.
      ALPNProtocols: ['http/1.1'],
      handshakeTimeout: options.handshakeTimeoutMs,
    },
    options.onSecure,
  );
  // A failed or abandoned handshake (the timeout included) concerns that client only. Node leaves its socket
  // open once anyone listens for this event, so it is closed here.
  server.on('tlsClientError', (_error, socket) => socket.destroy());
  return { ca, accept: (socket) => server.emit('connection', socket) };
}
