// The per-harness scenario set: which named situations are on, for which provider, and for how long.
import type { Clock } from './clock.ts';
import { DoubleError } from './errors.ts';
import type { ActiveScenario, ApplyOptions, ScenarioDefinition, ScenarioParams, ScenarioSet } from './scenario.ts';

interface Entry extends ActiveScenario {
  definition: ScenarioDefinition;
  memory: Map<string, unknown>;
}

/** `catalogue` maps provider id to the scenarios it offers. */
export function createScenarioSet(catalogue: ReadonlyMap<string, ScenarioDefinition[]>, clock: Clock): ScenarioSet {
  let entries: Entry[] = [];

  const find = (provider: string, name: string): Entry | undefined =>
    entries.find((e) => e.provider === provider && e.name === name);

  const set: ScenarioSet = {
    apply(name, options: ApplyOptions = {}) {
      const targets = [...catalogue]
        .filter(([provider]) => options.provider === undefined || provider === options.provider)
        .flatMap(([provider, list]) => list.filter((d) => d.name === name).map((definition) => ({ provider, definition })));
      if (targets.length === 0) {
        const known = set.available().filter((s) => options.provider === undefined || s.provider === options.provider);
        throw new DoubleError(
          'invalid_request',
          `Unknown scenario "${name}"${options.provider ? ` for ${options.provider}` : ''}. Known: ${[...new Set(known.map((s) => s.name))].join(', ')}.`,
        );
      }
      if (options.times !== undefined && (!Number.isInteger(options.times) || options.times < 1)) {
        throw new DoubleError('invalid_request', `"times" must be a whole number of requests, at least 1.`);
      }
      // Every parameter of every target is checked before anything changes.
      const prepared = targets.map(({ provider, definition }) => ({ provider, definition, params: checkedParams(name, definition, options.params) }));
      return prepared.map(({ provider, definition, params }) => {
        const entry: Entry = {
          provider,
          name,
          params,
          surfaces: options.surfaces ?? definition.surfaces,
          remaining: options.times,
          hits: 0,
          definition,
          memory: new Map(),
        };
        try {
          definition.onApply?.({ provider, clock }, params);
        } catch (error) {
          if (error instanceof RangeError) throw new DoubleError('invalid_request', `Scenario "${name}": ${error.message}.`);
          throw error;
        }
        entries = entries.filter((e) => !(e.provider === provider && e.name === name));
        entries.push(entry);
        return publicView(entry);
      });
    },
    clear(name, provider) {
      entries = entries.filter((e) => !((name === undefined || e.name === name) && (provider === undefined || e.provider === provider)));
    },
    active: (provider) => entries.filter((e) => provider === undefined || e.provider === provider).map(publicView),
    isActive: (provider, name) => find(provider, name) !== undefined,
    params: <P extends ScenarioParams>(provider: string, name: string) => find(provider, name)?.params as P | undefined,
    consume<P extends ScenarioParams>(provider: string, name: string) {
      const entry = find(provider, name);
      if (!entry) return undefined;
      spend(entry);
      return entry.params as P;
    },
    available: () =>
      [...catalogue].flatMap(([provider, list]) =>
        list.map((d) => ({ provider, name: d.name, summary: d.summary, surfaces: d.surfaces, defaults: d.defaults })),
      ),
    async intercept(provider, host, request) {
      if (entries.length === 0) return undefined;
      for (const entry of entries) {
        if (entry.provider !== provider || !entry.definition.intercept) continue;
        if (entry.surfaces && !entry.surfaces.includes(host.surface)) continue;
        let response: Response | undefined;
        try {
          response = await entry.definition.intercept({ provider, host, request, clock, memory: entry.memory }, entry.params);
        } catch (error) {
          spend(entry);
          return { error, by: entry.name };
        }
        if (response) {
          spend(entry);
          return { response, by: entry.name };
        }
      }
      return undefined;
    },
  };

  function spend(entry: Entry): void {
    entry.hits++;
    if (entry.remaining !== undefined && --entry.remaining <= 0) entries = entries.filter((e) => e !== entry);
  }

  return set;
}

/** Names that would reach an object's prototype if they were ever used as keys. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** The scenario's defaults with the caller's overrides, each checked: a known name, the default's type, a number in range. */
function checkedParams(name: string, definition: ScenarioDefinition, overrides: ScenarioParams | undefined): ScenarioParams {
  const params: ScenarioParams = { ...definition.defaults };
  if (overrides === undefined) return params;
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    throw new DoubleError('invalid_request', `Scenario "${name}": "params" must be an object.`, { field: 'params' });
  }
  for (const key of Reflect.ownKeys(overrides)) {
    if (typeof key !== 'string' || FORBIDDEN.has(key) || !Object.hasOwn(definition.defaults, key)) {
      const known = Object.keys(definition.defaults);
      throw new DoubleError(
        'invalid_request',
        `Scenario "${name}" has no parameter "${String(key)}"${known.length ? `; it takes ${known.join(', ')}` : '; it takes none'}.`,
        { field: `params.${String(key)}` },
      );
    }
    const value = (overrides as Record<string, unknown>)[key];
    const expected = typeof definition.defaults[key];
    if (typeof value !== expected) {
      throw new DoubleError('invalid_request', `Scenario "${name}": parameter "${key}" must be a ${expected}.`, { field: `params.${key}` });
    }
    if (typeof value === 'number') {
      const range = definition.ranges?.[key] ?? { min: 0, max: Number.MAX_SAFE_INTEGER };
      const whole = range.integer ?? true;
      if (!Number.isFinite(value) || value < range.min || value > range.max || (whole && !Number.isInteger(value))) {
        throw new DoubleError(
          'invalid_request',
          `Scenario "${name}": parameter "${key}" must be a ${whole ? 'whole ' : ''}number from ${range.min} to ${range.max}; got ${value}.`,
          { field: `params.${key}` },
        );
      }
    }
    params[key] = value;
  }
  return params;
}

function publicView(entry: Entry): ActiveScenario {
  const { provider, name, params, surfaces, remaining, hits } = entry;
  return { provider, name, params, surfaces, remaining, hits };
}
