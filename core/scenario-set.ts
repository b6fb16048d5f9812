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
      return targets.map(({ provider, definition }) => {
        const params = { ...definition.defaults, ...(options.params ?? {}) } as ScenarioParams;
        for (const [key, value] of Object.entries(options.params ?? {})) {
          const expected = typeof definition.defaults[key];
          if (!(key in definition.defaults)) {
            throw new DoubleError('invalid_request', `Scenario "${name}" has no parameter "${key}".`);
          }
          if (typeof value !== expected) {
            throw new DoubleError('invalid_request', `Scenario "${name}": parameter "${key}" must be a ${expected}.`);
          }
        }
        entries = entries.filter((e) => !(e.provider === provider && e.name === name));
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
        entries.push(entry);
        definition.onApply?.({ provider, clock }, params);
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

function publicView(entry: Entry): ActiveScenario {
  const { provider, name, params, surfaces, remaining, hits } = entry;
  return { provider, name, params, surfaces, remaining, hits };
}
