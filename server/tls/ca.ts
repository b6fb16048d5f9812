// The local certificate authority: made on first use, kept in a directory between runs, private key mode 0600.
import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CA_CERT_FILE, CA_KEY_FILE } from './ca-dir.ts';
import { importPrivateKey, KEY_ALGORITHM, privateKeyPem, SIGNING_ALGORITHM, subtle, x509 } from './x509.ts';

export interface LocalCa {
  readonly dir: string;
  /** The certificate clients trust (`NODE_EXTRA_CA_CERTS`, `SSL_CERT_FILE`, …): `<dir>/ca.pem`. */
  readonly certFile: string;
  /** The private key and the certificate, readable by the user only: `<dir>/ca-key.pem`. */
  readonly keyFile: string;
  readonly certPem: string;
  readonly certificate: x509.X509Certificate;
  readonly privateKey: CryptoKey;
  /** True when this call made the CA (first use of the directory). */
  readonly created: boolean;
}

const DAY_MS = 86_400_000;
/** Ten years: a CA kept between runs should not expire under a project's feet. */
const CA_LIFETIME_DAYS = 3650;

/**
 * Loads the CA from `dir`, or makes one. The key file holds the private key and the certificate together,
 * so it is the single source of truth and is created atomically (hard link, refused if it exists): two
 * servers starting at once on a fresh directory end up with the same CA. `ca.pem` is derived from it.
 */
// Wall time on purpose: clients check certificate validity against their real clock, not the harness's virtual one.
export async function loadOrCreateCa(dir: string, now = new Date()): Promise<LocalCa> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const keyFile = join(dir, CA_KEY_FILE);
  const certFile = join(dir, CA_CERT_FILE);
  let created = false;
  let bundle = await readIfExists(keyFile);
  if (bundle === undefined) {
    const fresh = await createCaBundle(now);
    const temp = `${keyFile}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(temp, fresh, { mode: 0o600 });
    try {
      await link(temp, keyFile);
      created = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await rm(temp, { force: true });
    }
    bundle = await readFile(keyFile, 'utf8');
  } else {
    await tightenMode(keyFile);
  }
  const { certPem, certificate, privateKey } = await parseBundle(bundle, keyFile, now);
  if ((await readIfExists(certFile)) !== certPem) {
    const temp = `${certFile}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(temp, certPem, { mode: 0o644 });
    await rename(temp, certFile);
  }
  return { dir, certFile, keyFile, certPem, certificate, privateKey, created };
}

async function createCaBundle(now: Date): Promise<string> {
  const keys = (await subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  // A per-CA tag in the name tells apart the CAs of different machines or directories in a trust store.
  const name = `CN=oauth-doubles local CA ${randomBytes(4).toString('hex')}, O=oauth-doubles (test only)`;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomBytes(16).toString('hex').replace(/^[89a-f]/, '7'),
    name,
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + CA_LIFETIME_DAYS * DAY_MS),
    keys,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      // RFC 5280 4.2.1.9: a CA's basic constraints are critical; path length 0: it signs leaves only.
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return `${await privateKeyPem(keys.privateKey)}${certificate.toString('pem')}\n`;
}

async function parseBundle(bundle: string, keyFile: string, now: Date) {
  const broken = (why: string) =>
    new Error(`The CA in ${keyFile} is unusable (${why}). Delete that directory to make a new CA (clients must then trust the new ca.pem).`);
  let parts: ReturnType<typeof x509.PemConverter.decodeWithHeaders>;
  try {
    parts = x509.PemConverter.decodeWithHeaders(bundle);
  } catch {
    throw broken('not PEM');
  }
  const keyPart = parts.find((p) => p.type === 'PRIVATE KEY');
  const certPart = parts.find((p) => p.type === 'CERTIFICATE');
  if (!keyPart || !certPart) throw broken('it must hold a PRIVATE KEY and a CERTIFICATE');
  let certificate: x509.X509Certificate;
  let privateKey: CryptoKey;
  try {
    certificate = new x509.X509Certificate(certPart.rawData);
    privateKey = await importPrivateKey(x509.PemConverter.encode(keyPart.rawData, 'PRIVATE KEY'));
  } catch (error) {
    throw broken((error as Error).message);
  }
  if (certificate.notAfter.getTime() <= now.getTime()) throw broken(`it expired on ${certificate.notAfter.toISOString()}`);
  // The key must be the certificate's: sign a probe and verify it with the certificate's public key.
  const probe = randomBytes(32);
  const signature = await subtle.sign(SIGNING_ALGORITHM, privateKey, probe);
  const publicKey = await certificate.publicKey.export(KEY_ALGORITHM, ['verify']);
  if (!(await subtle.verify(SIGNING_ALGORITHM, publicKey, signature, probe))) throw broken('the key does not match the certificate');
  return { certPem: `${certificate.toString('pem')}\n`, certificate, privateKey };
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** A key file copied in with looser permissions is put back to 0600 (best effort: the owner may be someone else). */
async function tightenMode(file: string): Promise<void> {
  if (process.platform === 'win32') return;
  const { mode } = await stat(file);
  if ((mode & 0o077) !== 0) await chmod(file, 0o600).catch(() => undefined);
}
