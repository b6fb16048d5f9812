// The look of Octorate's token values (DOC examples in octorate.md, "Token look").
import type { Faker } from '@faker-js/faker';

/** DOC: "access token = two UUIDs concatenated (72 chars)" — two dashed UUIDs, 36 + 36. */
export const accessTokenValue = (random: Faker): string => `${random.string.uuid()}${random.string.uuid()}`;

/** DOC: "refresh token = 32 hex + 2 capital letters". */
export const refreshTokenValue = (random: Faker): string =>
  `${random.string.hexadecimal({ length: 32, casing: 'lower', prefix: '' })}${random.string.alpha({ length: 2, casing: 'upper' })}`;

/** UNK: the look of authorisation codes; opaque 40 characters. */
export const codeValue = (random: Faker): string => random.string.alphanumeric(40);
