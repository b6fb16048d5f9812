// The look of Google's codes and tokens (INF: as seen in Google's docs and in the wild), from the harness's seeded stream.
import type { Faker } from '@faker-js/faker';
import { opaqueToken } from '../../../core/random.ts';

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * `4/0A…`: the slash is real and arrives percent-encoded in the redirect (`code=4%2F0A…`). A client that
 * forwards the raw query value instead of the decoded one, or encodes it twice, fails the exchange.
 */
export const codeValue = (random: Faker): string => `4/0A${random.string.fromCharacters(BASE64URL, 69)}`;

/** `ya29.…`, long and opaque. */
export const accessTokenValue = (random: Faker): string => `ya29.a0${opaqueToken(random, 160)}`;

/** `1//0…`, with the double slash. */
export const refreshTokenValue = (random: Faker): string => `1//0${random.string.fromCharacters(BASE64URL, 2)}${opaqueToken(random, 96)}`;

/** INF: how a Google code looks; anything else is "Malformed auth code." territory. */
export const looksLikeCode = (value: string): boolean => /^4\/[A-Za-z0-9_-]{20,}$/.test(value);
