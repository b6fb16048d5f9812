// How Octorate writes instants: ISO with milliseconds and `Z` (tutorial) or Java's ZonedDateTime form `…Z[UTC]` (octorate.md).

export const DAY_MS = 86_400_000;

/** DOC (tutorial): `"expireDate": "2020-03-17T17:41:51.178Z"` — always three fraction digits. */
export function isoMillis(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/**
 * INF strong (octorate.md: expireDate "in the wild", every reservation and webhook date of the OpenAPI):
 * `2023-11-24T00:54:07.922Z[UTC]`. Written as Java's ISO_ZONED_DATE_TIME does: seconds always, the
 * fraction only when non-zero and without trailing zeros — `2024-05-01T14:00:00Z[UTC]` for a whole minute.
 * `new Date()` on either form gives Invalid Date, which is the point.
 */
export function javaZoned(epochMs: number): string {
  const iso = new Date(epochMs).toISOString(); // 2024-05-01T14:00:00.000Z
  const [whole, fraction = '000'] = iso.slice(0, -1).split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return `${whole}${trimmed ? `.${trimmed}` : ''}Z[UTC]`;
}

/** UTC midnight of the day holding this instant. */
export const dayStart = (epochMs: number): number => Math.floor(epochMs / DAY_MS) * DAY_MS;

/** `YYYY-MM-DD` of an instant (UTC). */
export const dayOf = (epochMs: number): string => new Date(epochMs).toISOString().slice(0, 10);

/** A strict `YYYY-MM-DD` calendar date as UTC midnight, or undefined when it is not one (2024-02-30 included). */
export function parseDay(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isNaN(ms) || dayOf(ms) !== text ? undefined : ms;
}
