// The optional config file of `npm start -- --config <file>`: extra clients, quirk overrides, a seed.
import { readFile } from 'node:fs/promises';
import type { ClientInput } from '../core/clients.ts';
import type { LimitsInput } from '../core/limits.ts';
import { lazySchema, loadZod } from '../core/zod.ts';
import { clientInputSchema } from './client-schema.ts';

const Config = lazySchema((z) => {
  const Limit = z.strictObject({ count: z.number().int().positive().optional(), bytes: z.number().int().positive().optional() });
  return z.strictObject({
    seed: z.number().int().optional(),
    /** Store limits: `{"tokens": {"count": 200000, "bytes": 100000000}, "codes", "inbox", "journal"}`. */
    limits: z.strictObject({ tokens: Limit.optional(), codes: Limit.optional(), inbox: Limit.optional(), journal: Limit.optional() }).optional(),
    clients: z.array(clientInputSchema(z)).optional(),
    quirks: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  });
});

export interface ServerConfig {
  seed?: number;
  clients: ClientInput[];
  quirks: Record<string, object>;
  limits: LimitsInput;
}

export async function loadConfig(path: string, providerIds: ReadonlySet<string>): Promise<ServerConfig> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read config file ${path}: ${(error as Error).message}`);
  }
  const parsed = (await Config()).safeParse(raw);
  if (!parsed.success) throw new Error(`Config file ${path} is not valid:\n${(await loadZod()).prettifyError(parsed.error)}`);
  const unknown = [
    ...(parsed.data.clients ?? []).map((c) => c.provider),
    ...Object.keys(parsed.data.quirks ?? {}),
  ].filter((id) => !providerIds.has(id));
  if (unknown.length > 0) throw new Error(`Config file ${path} names unknown provider(s): ${[...new Set(unknown)].join(', ')}.`);
  return { seed: parsed.data.seed, clients: parsed.data.clients ?? [], quirks: parsed.data.quirks ?? {}, limits: parsed.data.limits ?? {} };
}
