// Leaf certificates signed by the local CA: one per emulated host, one for the server's own names, picked by SNI.
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { createSecureContext, type SecureContext } from 'node:tls';
import type { LocalCa } from './ca.ts';
import { KEY_ALGORITHM, privateKeyPem, SIGNING_ALGORITHM, subtle, x509 } from './x509.ts';

const DAY_MS = 86_400_000;
/** 397 days: the longest validity every client accepts for a server certificate (Apple, Chrome). */
const LEAF_LIFETIME_DAYS = 397;

export interface LeafContexts {
  /** The context for a TLS server name (SNI); undefined for a name nobody emulates. Made on first use, then kept. */
  forName(servername: string): Promise<SecureContext | undefined>;
  /** For clients that send no server name (an IP address in the URL): the server's own names, as server options. */
  readonly fallback: { key: string; cert: string };
}

/**
 * One key pair for every leaf, fresh each run. The server's own names (localhost, 127.0.0.1, ::1, the
 * bind address) share one certificate, made up front; an emulated host's is made at its first handshake,
 * so start-up does not grow with the number of hosts.
 */
// Wall time on purpose: clients check certificate validity against their real clock, not the harness's virtual one.
export async function createLeafContexts(ca: LocalCa, hosts: readonly string[], localNames: readonly string[], now = new Date()): Promise<LeafContexts> {
  const keys = (await subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const keyPem = await privateKeyPem(keys.privateKey);
  // The chain sent is leaf + CA, so a client that trusts the CA by file or by store verifies alike.
  const chain = async (names: readonly string[]): Promise<string> => `${(await issueLeaf(ca, keys.publicKey, names, now)).toString('pem')}\n${ca.certPem}`;
  const local = [...new Set(localNames)];
  const fallback = { key: keyPem, cert: await chain(local) };
  const localContext = Promise.resolve(createSecureContext(fallback));
  const contexts = new Map<string, Promise<SecureContext>>();
  for (const name of local) if (!isIP(name)) contexts.set(name.toLowerCase(), localContext);
  const emulated = new Set(hosts.map((h) => h.toLowerCase()));
  return {
    fallback,
    forName: (servername) => {
      const name = servername.toLowerCase();
      let context = contexts.get(name);
      if (!context && emulated.has(name)) {
        context = chain([name]).then((cert) => createSecureContext({ key: keyPem, cert }));
        // A failure is not kept: the next handshake tries again.
        context.catch(() => contexts.delete(name));
        contexts.set(name, context);
      }
      return context ?? Promise.resolve(undefined);
    },
  };
}

async function issueLeaf(ca: LocalCa, publicKey: CryptoKey, names: readonly string[], now: Date): Promise<x509.X509Certificate> {
  const first = names[0]!;
  return x509.X509CertificateGenerator.create({
    serialNumber: randomBytes(16).toString('hex').replace(/^[89a-f]/, '7'),
    subject: `CN=${isIP(first) ? first : first.replace(/[,+"\\<>;=]/g, '')}`,
    issuer: ca.certificate.subject,
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(Math.min(now.getTime() + LEAF_LIFETIME_DAYS * DAY_MS, ca.certificate.notAfter.getTime())),
    publicKey,
    signingKey: ca.privateKey,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      // RFC 6125: clients match the name against the SAN only, never the CN.
      new x509.SubjectAlternativeNameExtension(names.map((name) => ({ type: isIP(name) ? ('ip' as const) : ('dns' as const), value: name }))),
      await x509.SubjectKeyIdentifierExtension.create(publicKey),
      // Required by strict verifiers (OpenSSL's X509_STRICT, the default since Python 3.13).
      await authorityKeyIdentifier(ca),
    ],
  });
}

/** The CA's own subject key identifier, so the chain links by key id as well as by name. */
async function authorityKeyIdentifier(ca: LocalCa): Promise<x509.AuthorityKeyIdentifierExtension> {
  const ski = ca.certificate.getExtension(x509.SubjectKeyIdentifierExtension);
  if (ski) return new x509.AuthorityKeyIdentifierExtension(ski.keyId);
  return x509.AuthorityKeyIdentifierExtension.create(await ca.certificate.publicKey.export(KEY_ALGORITHM, ['verify']));
}
