// zod on first use: its ~95 modules stay off the start path of a server that has not yet validated a JSON body.
import type { z } from 'zod';

export type Zod = typeof z;

let loading: Promise<Zod> | undefined;

/** zod itself, imported once. */
export const loadZod = (): Promise<Zod> => (loading ??= import('zod').then((module) => module.z));

/** A schema built on first use: `const Body = lazySchema((z) => z.strictObject({ … }))`, then `(await Body()).safeParse(raw)`. */
export function lazySchema<T>(build: (z: Zod) => T): () => Promise<T> {
  let schema: Promise<T> | undefined;
  return () => (schema ??= loadZod().then(build));
}
