// Quirk overrides (config file, code) are checked against the provider's own quirks before a harness uses them.
import type { ProviderDefinition } from './provider.ts';

/**
 * Every override must name a quirk the provider has (so `__proto__`, `constructor` and typos are refused),
 * keep its type, and — for numbers — be finite and a safe size. Throws an Error naming the quirk.
 */
export function checkQuirkOverrides(provider: ProviderDefinition<any>, overrides: object | undefined): void {
  if (overrides === undefined) return;
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) throw new Error(`Quirks for ${provider.id} must be an object.`);
  const defaults = provider.quirks as Record<string, unknown>;
  for (const key of Reflect.ownKeys(overrides)) {
    const name = String(key);
    if (typeof key !== 'string' || !Object.hasOwn(defaults, key)) {
      throw new Error(`${provider.id} has no quirk "${name}"; it has ${Object.keys(defaults).join(', ')}.`);
    }
    const value = (overrides as Record<string, unknown>)[key];
    const expected = typeof defaults[key];
    if (typeof value !== expected) throw new Error(`Quirk ${provider.id}.${name} must be a ${expected}.`);
    if (typeof value === 'number' && (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER)) {
      throw new Error(`Quirk ${provider.id}.${name} must be a finite number of safe size; got ${value}.`);
    }
  }
}
