// Named situations a test switches on per harness: the definition shape and the per-harness set.
import type { Clock } from './clock.ts';
import type { HostDefinition } from './provider.ts';

export type ScenarioParams = Record<string, unknown>;

/** The range of a numeric parameter; every number must also be finite. */
export interface ParamRange {
  min: number;
  max: number;
  /** Whole numbers only (default true). */
  integer?: boolean;
}

/** What a scenario sees when it is applied. */
export interface ScenarioApplyContext {
  provider: string;
  clock: Clock;
}

/** What a scenario sees for each request to a host of its provider. */
export interface InterceptContext {
  provider: string;
  host: HostDefinition;
  request: Request;
  clock: Clock;
  /** Scratch space that lives as long as this application of the scenario (windows, counters). */
  memory: Map<string, unknown>;
}

export interface ScenarioDefinition<P extends ScenarioParams = ScenarioParams> {
  name: string;
  /** One line for people: what the client will meet. */
  summary: string;
  /** Surfaces it touches unless the test passes `surfaces` (undefined: every surface). */
  surfaces?: string[];
  defaults: P;
  /** Ranges of numeric parameters; a number without one must be a safe whole number, at least 0. */
  ranges?: { [K in keyof P]?: ParamRange };
  /** Runs once when applied (moving the clock, revoking tokens…). */
  onApply?(ctx: ScenarioApplyContext, params: P): void;
  /**
   * Runs before the provider's route. Return a Response to answer instead of the provider, throw a
   * DoubleError to answer with the provider's own error format, or return nothing to let it through.
   */
  intercept?(ctx: InterceptContext, params: P): Response | undefined | Promise<Response | undefined>;
}

/** Helps TypeScript keep a scenario's parameter type. */
export const defineScenario = <P extends ScenarioParams>(definition: ScenarioDefinition<P>): ScenarioDefinition =>
  definition as unknown as ScenarioDefinition;

export interface ApplyOptions {
  /** Only this provider's scenario of that name (default: every provider that has one). */
  provider?: string;
  /** Overrides of the scenario's default parameters. */
  params?: ScenarioParams;
  /** Surfaces to touch instead of the scenario's default. */
  surfaces?: string[];
  /** Answer only this many requests, then switch off by itself. */
  times?: number;
}

export interface ActiveScenario {
  provider: string;
  name: string;
  params: ScenarioParams;
  surfaces: string[] | undefined;
  /** Requests it may still answer; undefined means no limit. */
  remaining: number | undefined;
  /** Requests it has answered so far. */
  hits: number;
}

/** A scenario's answer to one request: a response of its own, or an error for the provider to render. */
export type ScenarioAnswer = { by: string; response: Response; error?: undefined } | { by: string; error: unknown; response?: undefined };

export interface ScenarioSet {
  apply(name: string, options?: ApplyOptions): ActiveScenario[];
  clear(name?: string, provider?: string): void;
  active(provider?: string): ActiveScenario[];
  isActive(provider: string, name: string): boolean;
  /**
   * For scenarios a provider's routes read as a flag: the parameters if it is on, counting the use as
   * one answered request (so `times` works as for intercepting scenarios); undefined if it is off.
   */
  consume<P extends ScenarioParams = ScenarioParams>(provider: string, name: string): P | undefined;
  /** The parameters of an active scenario, without counting a use. */
  params<P extends ScenarioParams = ScenarioParams>(provider: string, name: string): P | undefined;
  /** Every scenario the harness offers. */
  available(): Array<{ provider: string; name: string; summary: string; surfaces?: string[]; defaults: ScenarioParams }>;
  /** Runs the active interceptors of a provider for one request; the first answer (or thrown error) wins. */
  intercept(provider: string, host: HostDefinition, request: Request): Promise<ScenarioAnswer | undefined>;
}
