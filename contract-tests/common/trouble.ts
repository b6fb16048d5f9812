// Shared checks for a token endpoint in trouble: it refuses the client, is down, rate-limits, answers garbage, is slow, or never answers.
import type { JournalEntry } from '../../core/journal.ts';
import type { ScenarioParams } from '../../core/scenario.ts';
import type { BaseSettings, CheckContext, ContractCheck, Outcome } from '../types.ts';
import type { EndpointScenarios, TokenEndpoint } from './endpoint.ts';
import { answersOf, seconds, spanOf } from './text.ts';

type Ctx<S extends BaseSettings, O extends object> = CheckContext<S, O>;

/** Virtual time one operation may take while the endpoint is in trouble before it counts as unbounded. */
export const MAX_OPERATION_MS = 10 * 60_000;
/** The shortest pause after a failed or abandoned attempt that counts as backing off. */
export const MIN_BACKOFF_MS = 1000;
/** Clock time the shared checks let pass before trying again once the trouble is over. */
const RECOVERY_WAIT_SECONDS = 60;

/** What one operation came to while the endpoint was in trouble. */
export interface Situation {
  outcome: Outcome;
  since: number;
  /** Requests to the endpoint during the operation. */
  calls: JournalEntry[];
  /** Virtual time the operation took. */
  tookMs: number;
}

/** Sets the scene, switches the provider's scenario on for one operation, and reports what happened. Undefined when set-up failed. */
export async function underScenario<S extends BaseSettings, O extends object>(
  t: Ctx<S, O>,
  p: TokenEndpoint<S, O>,
  key: keyof EndpointScenarios,
  params: ScenarioParams = {},
): Promise<Situation | undefined> {
  if (p.setUp && !(await p.setUp(t))) return undefined;
  await p.needToken?.(t);
  const name = p.scenarios[key]!;
  t.harness.scenarios.apply(name, { provider: p.provider, surfaces: p.surfaces, params: { ...p.params?.[key], ...params } });
  const since = t.mark();
  const startedAt = t.elapsedMs();
  let outcome: Outcome;
  try {
    outcome = await p.operation(t, 1);
  } finally {
    t.harness.scenarios.clear(name, p.provider);
  }
  return { outcome, since, calls: p.calls(t, since), tookMs: t.elapsedMs() - startedAt };
}

/** Once the trouble is over the next operation must work: no failed state, cached error or bogus token may stay behind. */
export async function judgeRecovery<S extends BaseSettings, O extends object>(t: Ctx<S, O>, p: TokenEndpoint<S, O>, trouble: string, during: Situation): Promise<void> {
  await t.advance(RECOVERY_WAIT_SECONDS);
  await p.needToken?.(t);
  const since = t.mark();
  const outcome = await p.operation(t, 2);
  const when = `once ${p.endpoint} worked again after ${trouble}`;
  if (outcome.kind === 'rejected' && p.calls(t, since).length === 0 && t.journal({ since }).length === 0) {
    t.fail(
      `${when}: ${p.operationName} failed at once without sending a request (${outcome.message}); the client kept the failure from the trouble (a rejected promise cached as the pending renewal, an error state, a refresh token dropped although nobody refused it) — clear it so the next operation asks ${p.name} again`,
      [...p.lines(t, during.calls), `(then no request at all for ${p.operationName}, ${RECOVERY_WAIT_SECONDS} s later)`],
    );
    return;
  }
  p.judge(t, outcome, 2, `${when} (nothing from the trouble — a cached error, a bogus token, a dropped credential — may stay in the way)`, since);
}

/** A request the client got an answer to that was a token (200, not given up on). */
const issued = <S extends BaseSettings, O extends object>(t: Ctx<S, O>, entry: JournalEntry): boolean => entry.status === 200 && !t.answer(entry)?.abandoned;

/** Pauses shorter than `minMs` after an attempt that failed (`failed(entry)`), as `{ after, gap }`. */
export function hurried(calls: JournalEntry[], failed: (entry: JournalEntry) => boolean, minMs: number): Array<{ after: JournalEntry; gap: number }> {
  return calls.flatMap((entry, i) => {
    const next = calls[i + 1];
    return next && failed(entry) && next.at - entry.at < minMs ? [{ after: entry, gap: next.at - entry.at }] : [];
  });
}

interface Bounds {
  /** What the endpoint did: `answered 503`, `never answered`. */
  doing: string;
  /** The fix for an unbounded client: `report the failure and stop`. */
  fix: string;
  maxAttempts: number;
  /** Whether to judge the operation's length (off when a more precise finding already explains it). */
  timed?: boolean;
}

/**
 * The judgments every trouble shares: the runner had to stop the client (hammering), it made too many attempts or
 * took too long, it reported success although no token was ever issued, or it called the API with a token it never
 * got. Returns false when the client was stopped (nothing more to judge).
 */
export function judgeBounded<S extends BaseSettings, O extends object>(t: Ctx<S, O>, p: TokenEndpoint<S, O>, s: Situation, bounds: Bounds): boolean {
  const evidence = p.lines(t, s.calls);
  const answered = answersOf(s.calls);
  const situation = `while it ${bounds.doing}`;
  const said = answered === 'no answer' ? '' : ` (${p.name} answered ${answered})`;
  if (s.outcome.kind === 'stopped') {
    t.fail(
      `kept calling ${p.endpoint} ${situation}: ${s.calls.length} requests in ${spanOf(s.calls)} of virtual time until the runner stopped it${said}; ${bounds.fix}`,
      evidence,
    );
    return false;
  }
  if (s.calls.length > bounds.maxAttempts) {
    t.fail(`made ${s.calls.length} requests to ${p.endpoint} for one operation ${situation}; ${bounds.fix} — at most ${bounds.maxAttempts} attempts`, evidence);
  } else if (bounds.timed !== false && s.tookMs > MAX_OPERATION_MS) {
    t.fail(`kept one operation going for ${seconds(s.tookMs)} of virtual time ${situation}; bound the time an operation may take (at most ${seconds(MAX_OPERATION_MS)}) and report the failure`, evidence);
  }
  const bogus = p.bogusCalls(t, s.since);
  if (bogus.length > 0) {
    t.fail(
      `called ${p.name}’s API with ${bogus[0]!.what} while ${p.endpoint} ${bounds.doing}; an answer that is not a token is an error — report it, never send what came of it`,
      p.lines(t, [...s.calls, ...bogus.map((b) => b.entry)].sort((a, b) => a.seq - b.seq)),
    );
  }
  if (s.outcome.kind === 'resolved' && !s.calls.some((e) => issued(t, e))) {
    t.fail(`${p.operationName} reported success although ${p.endpoint} issued no token (${p.name} answered ${answered || 'nothing'})${p.lost ?? ''}; report the failure`, evidence);
  }
  return true;
}

export interface TroubleOptions {
  /** The provider's rule the check relies on, when the shared wording does not fit. */
  rule?: string;
}

function check<S extends BaseSettings, O extends object>(
  p: TokenEndpoint<S, O>,
  suffix: string,
  title: string,
  rule: string,
  run: (t: Ctx<S, O>) => Promise<void>,
): ContractCheck<S, O> {
  return { id: `${p.idPrefix}-${suffix}`, title, rule, requires: p.requires, run };
}

/** `<prefix>-refused`: refused credentials are reported, not retried in a loop; the client works once they are accepted again. */
export function tokenRefused<S extends BaseSettings, O extends object>(p: TokenEndpoint<S, O>, options: TroubleOptions = {}): ContractCheck<S, O> {
  return check(
    p,
    'refused',
    `reports credentials ${p.endpoint} refuses instead of retrying them, and works again once they are accepted`,
    options.rule ?? `${p.name} refuses a client whose credentials were rotated or disabled (invalid_client, RFC 6749 §5.2); the same request is refused again until someone fixes them.`,
    async (t) => {
      const s = await underScenario(t, p, 'refused');
      if (!s) return;
      const fix = 'a refused client_id/client_secret is not cured by retrying — report the failure (the secret was rotated or the client disabled)';
      if (!judgeBounded(t, p, s, { doing: 'refused the client’s credentials', fix, maxAttempts: 2 })) return;
      await judgeRecovery(t, p, 'refusing the credentials', s);
    },
  );
}

/** `<prefix>-unavailable`: 503 for good — back off, bound the attempts, report; work again once it is back. */
export function tokenUnavailable<S extends BaseSettings, O extends object>(p: TokenEndpoint<S, O>, options: TroubleOptions = {}): ContractCheck<S, O> {
  return check(
    p,
    'unavailable',
    `on 503 from ${p.endpoint} backs off, bounds its attempts and reports the failure; works again once it is back`,
    options.rule ?? `A 503 means ${p.name} did not handle the request; it may be back in seconds or stay down for long (RFC 9110 §15.6.4).`,
    async (t) => {
      const s = await underScenario(t, p, 'unavailable');
      if (!s) return;
      const fix = 'back off between attempts (1 s, 2 s, 4 s…), give up after a few and report the failure';
      if (!judgeBounded(t, p, s, { doing: 'answered 503', fix, maxAttempts: 6 })) return;
      const quick = hurried(s.calls, (e) => e.status === 503, MIN_BACKOFF_MS);
      if (quick.length > 0) {
        t.fail(
          `retried ${p.endpoint} ${quick.length} time(s) without backing off: the first retry came ${seconds(quick[0]!.gap)} after a 503; wait between attempts (1 s, 2 s, 4 s…) so a recovering ${p.name} is not flooded`,
          p.lines(t, s.calls),
        );
      }
      await judgeRecovery(t, p, 'an outage', s);
    },
  );
}

/** Retry-After of a 429, in seconds (delta-seconds only: what the fakes send). */
const retryAfterOf = (entry: JournalEntry): number => Number(entry.responseHeaders['retry-after'] ?? 0);

/** `<prefix>-rate-limited`: 429 with Retry-After — wait at least that long, bounded; work again after. */
export function tokenRateLimited<S extends BaseSettings, O extends object>(p: TokenEndpoint<S, O>, options: TroubleOptions = {}): ContractCheck<S, O> {
  return check(
    p,
    'rate-limited',
    `on 429 from ${p.endpoint} waits at least Retry-After before asking again, with bounded attempts`,
    options.rule ?? `HTTP 429 with Retry-After signals a rate limit that stays on until that many seconds have passed (RFC 6585 §4, oauth-rfc.md).`,
    async (t) => {
      const s = await underScenario(t, p, 'rateLimited');
      if (!s) return;
      const fix = 'wait Retry-After seconds before asking again, and bound the attempts';
      if (!judgeBounded(t, p, s, { doing: 'answered 429 with Retry-After', fix, maxAttempts: 6 })) return;
      const early = s.calls.flatMap((entry, i) => {
        const next = s.calls[i + 1];
        const wait = retryAfterOf(entry);
        return next && entry.status === 429 && next.at - entry.at < wait * 1000 ? [{ gap: next.at - entry.at, wait }] : [];
      });
      if (early.length > 0) {
        t.fail(
          `asked ${p.endpoint} again ${early.length} time(s) before Retry-After had passed: the first retry came ${seconds(early[0]!.gap)} after a 429 that said Retry-After: ${early[0]!.wait}; ${p.name} keeps answering 429 until then — wait at least Retry-After seconds`,
          p.lines(t, s.calls),
        );
      }
      if (s.outcome.kind === 'resolved') p.judge(t, s.outcome, 1, `after waiting out a 429 from ${p.endpoint}`, s.since);
      await judgeRecovery(t, p, 'a rate limit', s);
    },
  );
}

/** `<prefix>-malformed`: a 200 whose JSON is cut off is an error — never a token, never "Bearer undefined"; work again after. */
export function tokenMalformed<S extends BaseSettings, O extends object>(p: TokenEndpoint<S, O>, options: TroubleOptions = {}): ContractCheck<S, O> {
  return check(
    p,
    'malformed',
    `treats a 200 from ${p.endpoint} whose JSON is cut off as an error, never as a token`,
    options.rule ?? `Only a complete JSON body with an access_token is a token (RFC 6749 §5.1); a connection cut mid-answer or a broken gateway leaves a 200 with half a body.`,
    async (t) => {
      const s = await underScenario(t, p, 'malformed');
      if (!s) return;
      const fix = 'an answer that does not parse is an error: report it and bound the retries';
      if (!judgeBounded(t, p, s, { doing: 'answered 200 with a cut-off JSON body', fix, maxAttempts: 5 })) return;
      await judgeRecovery(t, p, 'a malformed answer', s);
    },
  );
}

/** `<prefix>-slow`: answers take `delayMs` of clock time — wait for them (a time-out that long is too short), one request at a time. */
export function tokenSlow<S extends BaseSettings, O extends object>(p: TokenEndpoint<S, O>, options: TroubleOptions & { delayMs?: number } = {}): ContractCheck<S, O> {
  const delayMs = options.delayMs ?? 5000;
  return check(
    p,
    'slow',
    `waits for ${p.endpoint} when it takes ${seconds(delayMs)} to answer, with one request at a time`,
    options.rule ?? `${p.name} can take seconds to answer at a busy moment and still answer; a client that gives up sooner never gets a token then (and a request it stops waiting for is still handled).`,
    async (t) => {
      const s = await underScenario(t, p, 'slow', { delayMs });
      if (!s) return;
      const fix = `let a slow ${p.endpoint} answer (a time-out of 10–30 s), and do not pile requests on it`;
      if (!judgeBounded(t, p, s, { doing: `took ${seconds(delayMs)} to answer`, fix, maxAttempts: 4 })) return;
      const evidence = p.lines(t, s.calls);
      const open = s.calls.filter((entry, i) => s.calls.slice(0, i).some((before) => (t.answer(before)?.at ?? 0) > entry.at));
      if (open.length > 0) {
        t.fail(
          `asked ${p.endpoint} again while its earlier request was still open (${open.length} request(s) sent before the previous one was answered or cancelled); abort a request you stop waiting for (AbortSignal) and let concurrent callers share one`,
          evidence,
        );
      }
      const abandoned = s.calls.filter((e) => t.answer(e)?.abandoned);
      if (s.outcome.kind === 'rejected' && abandoned.length > 0) {
        const waited = Math.max(...abandoned.map((e) => t.answer(e)!.at - e.at));
        t.fail(
          `gave up on ${p.endpoint} after ${seconds(waited)} although it answers in ${seconds(delayMs)} (${s.outcome.message}); the client’s own time-out is shorter than a slow moment of ${p.name} — allow 10–30 s (and check its unit: axios’ and got’s timeout is in milliseconds)`,
          evidence,
        );
      } else if (open.length === 0) {
        p.judge(t, s.outcome, 1, `while ${p.endpoint} took ${seconds(delayMs)} to answer`, s.since);
      }
      await judgeRecovery(t, p, 'slow answers', s);
    },
  );
}

/** `<prefix>-no-answer`: the endpoint never answers — the client gives up on its own, backs off, bounds attempts and time; works again after. */
export function tokenNoAnswer<S extends BaseSettings, O extends object>(p: TokenEndpoint<S, O>, options: TroubleOptions = {}): ContractCheck<S, O> {
  return check(
    p,
    'no-answer',
    `gives up on ${p.endpoint} by its own time-out when it never answers, backs off, and bounds attempts and time`,
    options.rule ?? `A hung ${p.name} (or a network path that drops packets) never answers: only the client’s own time-out ends the wait — a gateway may cut it after minutes, Node’s fetch only after 300 s.`,
    async (t) => {
      const s = await underScenario(t, p, 'noAnswer');
      if (!s) return;
      const fix = 'give each request a time-out of its own, back off, give up after a few attempts and report the failure';
      const evidence = p.lines(t, s.calls);
      // The root cause first: a request the client never gave up on means it has no time-out (which also explains the time taken).
      const waited = s.outcome.kind === 'stopped' ? [] : s.calls.filter((e) => !t.answer(e)?.abandoned);
      if (waited.length > 0 && t.timeouts === 'real') {
        t.note(
          `waited for a gateway’s 504 on ${p.endpoint}, which never answered: this client’s time-outs run on real time (its adapter says timeouts: 'real'), which the suite cannot wait for — make sure every request has one`,
        );
      } else if (waited.length > 0) {
        const held = t.answer(waited[0]!) ? t.answer(waited[0]!)!.at - waited[0]!.at : 0;
        t.fail(
          `waited ${seconds(held)} for ${p.endpoint}, which never answered, until a gateway cut the request off (${answersOf(waited)}): the client has no time-out of its own — give every request one (e.g. fetch(url, { signal: AbortSignal.timeout(30_000) }))`,
          evidence,
        );
      }
      if (!judgeBounded(t, p, s, { doing: 'never answered', fix, maxAttempts: 4, timed: waited.length === 0 })) return;
      const quick = hurried(s.calls, (e) => Boolean(t.answer(e)?.abandoned), MIN_BACKOFF_MS);
      if (quick.length > 0) {
        t.fail(
          `retried ${p.endpoint} at once after giving up on it: ${quick.length} retry(ies), the first ${seconds(quick[0]!.gap)} after its own time-out; back off between attempts (1 s, 2 s, 4 s…)`,
          evidence,
        );
      }
      await judgeRecovery(t, p, 'not answering', s);
    },
  );
}
