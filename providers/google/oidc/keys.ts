// The harness's RS256 signing keys: made on first use (start-up stays fast), kept in the provider's state, published as a JWKS.
import { createHash } from 'node:crypto';
import type { CryptoKey, JWK } from 'jose';
import type { ProviderContext } from '../../../core/provider.ts';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  /** The public half as published at the certs URL. */
  jwk: JWK;
}

export interface KeyRing {
  /** The key new id_tokens are signed with. */
  current: SigningKey;
  /** Every key the certs URL publishes (the current one first). */
  published: SigningKey[];
}

const KEYS = 'signing-keys';
const ROTATED = 'signing-keys-rotated-for';

async function newKey(): Promise<SigningKey> {
  // jose on first use, like the key itself: a start that issues no id_token never loads it.
  const { exportJWK, generateKeyPair } = await import('jose');
  const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
  const exported = await exportJWK(publicKey);
  // INF: Google's key ids look like 40 hex digits; a hash of the modulus keeps them stable per key.
  const kid = createHash('sha1').update(exported.n ?? '').digest('hex');
  return { kid, privateKey, jwk: { kty: 'RSA', alg: 'RS256', use: 'sig', kid, n: exported.n, e: exported.e } };
}

/**
 * The key ring of this harness, made once (key generation takes tens of milliseconds; a harness that never
 * issues an id_token never pays for it). A reset empties the provider's state, so keys are new after it.
 */
export function keyRing(ctx: ProviderContext<any>): Promise<KeyRing> {
  // Scenario `signing-key-rotated`: rotates once per application of the scenario (each has its own params object).
  const rotation = ctx.scenarios.params('google', 'signing-key-rotated');
  if (rotation && ctx.state.get(ROTATED) !== rotation) {
    ctx.state.set(ROTATED, rotation);
    return rotateKeys(ctx, rotation['keepOld'] === true);
  }
  let ring = ctx.state.get(KEYS) as Promise<KeyRing> | undefined;
  if (!ring) {
    ring = newKey().then((current) => ({ current, published: [current] }));
    ctx.state.set(KEYS, ring);
  }
  return ring;
}

/** DOC: Google rotates its keys; the new key signs from now on and the old one leaves the JWKS (scenario `signing-key-rotated`). */
export function rotateKeys(ctx: ProviderContext<any>, keepOld: boolean): Promise<KeyRing> {
  const previous = ctx.state.get(KEYS) as Promise<KeyRing> | undefined;
  const ring = Promise.all([newKey(), previous]).then(([current, old]) => ({
    current,
    published: keepOld && old ? [current, old.current] : [current],
  }));
  ctx.state.set(KEYS, ring);
  return ring;
}
