// What a report says when the client goes wrong in ways that used to mislead: the cause, evidence scoped to it, no encoded markers.
import { describe, expect, it } from 'vitest';
import { parseExpectations } from './expectations.ts';
import { brokenAdapter } from './oneio/broken-clients.ts';
import { OneioClient } from './oneio/reference-client.ts';
import { oneioSettings, type OneioOperations, type OneioSettings } from './oneio/settings.ts';
import { oneioSuite } from './oneio/suite.ts';
import { formatReport, summaryLine } from './report.ts';
import { runSuite } from './runner.ts';
import { defineAdapter, defineSuite, type CheckResult, type SuiteReport } from './types.ts';

const reference = (s: OneioSettings) => new OneioClient({ tokenUrl: s.tokenUrl, receiverUrl: s.receiverUrl, clientId: s.clientId, clientSecret: s.clientSecret });

/** A ONEiO client whose `deliver` is the reference client's, changed by `change`. */
const variant = (name: string, change: (client: OneioClient, message: Record<string, unknown>) => Promise<unknown>) =>
  defineAdapter<OneioSettings, OneioOperations>({
    name,
    create: (settings) => {
      const client = reference(settings);
      return { deliver: (message) => change(client, message) };
    },
  });

const only = async (id: string, adapter: ReturnType<typeof variant>): Promise<CheckResult> => {
  const report = await runSuite(oneioSuite, adapter, { checks: [id] });
  return report.results.find((r) => r.id === id)!;
};

describe('delivery findings', () => {
  it('name a message ONEiO accepted in another shape as reshaped, not lost', async () => {
    const result = await only('oneio.receiver-bearer-json', variant('wraps messages', (client, message) => client.deliver({ data: message })));
    expect(result.status).toBe('failed');
    const messages = result.findings.map((f) => f.message);
    expect(messages[0]).toBe('message 1: ONEiO accepted the message, but not as the client was asked to send it — it arrived wrapped in {"data": …}; send the message as the JSON body, unchanged');
    expect(messages.join('\n')).not.toContain('lost');
  });

  it('list only the requests of the message they are about', async () => {
    const twice = variant('sends message 2 twice', async (client, message) => {
      if (message.id === 'contract-2') await client.deliver(message);
      return client.deliver(message);
    });
    const result = await only('oneio.receiver-bearer-json', twice);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]!.message).toBe('message 2: ONEiO accepted the same message 2 times (delivered more than once)');
    // Three receiver calls and a token request in the check; the finding shows the two that carried message 2.
    expect(result.requests).toBe(4);
    expect(result.findings[0]!.evidence).toHaveLength(2);
    expect(result.findings[0]!.evidence.every((line) => line.includes('POST https://rest-receiver-test.service-flow.com/api/v2'))).toBe(true);
  });
});

describe('a client stopped by the request cap', () => {
  const probe = defineSuite<OneioSettings, OneioOperations>({
    provider: 'oneio',
    title: 'probe',
    settings: oneioSettings,
    checks: [
      {
        id: 'probe.wait',
        title: 'one delivery, then an hour of waiting, then another',
        rule: '-',
        // A low cap keeps the loop short; room in real time for a busy machine.
        limits: { requests: 30, checkMs: 60_000 },
        async run(t) {
          await t.run((client) => client.deliver({ id: 'first' }));
          await t.advance(3600);
          const outcome = await t.run((client) => client.deliver({ id: 'second' }));
          if (outcome.kind !== 'resolved') t.fail(`the second delivery did not go through: ${outcome.message}`, ['(probe)']);
        },
      },
    ],
  });
  /** Delivers with the reference client, and from the start polls the token endpoint every second, for ever. */
  const poller = defineAdapter<OneioSettings, OneioOperations>({
    name: 'polls the token endpoint every second',
    create: (settings) => {
      const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: settings.clientId, client_secret: settings.clientSecret });
      setInterval(() => void fetch(settings.tokenUrl, { method: 'POST', body }).catch(() => undefined), 1000);
      const client = reference(settings);
      return { deliver: (message) => client.deliver(message) };
    },
  });

  it('blames a loop of the client’s own timers during a wait, first, with the requests it made', async () => {
    const report = await runSuite(probe, poller);
    const [loop] = report.results[0]!.findings;
    expect(loop!.message).toMatch(
      /^the client was stopped by the runner after 30 requests in one check while no operation of it was running: its own timers kept calling the provider during a 3600 s wait of the check \(a background refresh or poll loop that neither backs off nor stops\)/,
    );
    expect(loop!.evidence[0]).toMatch(/^requests in this check: \d+ × POST \/oauth2\/token, \d+ × POST \/api\/v2$/);
    expect(loop!.evidence.slice(1).join('\n')).toContain('POST https://receiver-authz-test.service-flow.com/oauth2/token · application/x-www-form-urlencoded');
  });
});

describe('evidence lines', () => {
  it('show redaction markers as they read in a URL, not percent-encoded', async () => {
    const report = await runSuite(oneioSuite, brokenAdapter('puts the secret in the URL', { secretInQuery: true }), { checks: ['oneio.secret-not-in-url'] });
    const text = formatReport(report);
    expect(text).toMatch(/\?client_id=[^ ]+&client_secret=‹redacted:[0-9a-f]{8}›/);
    expect(text).not.toContain('%E2%80%B9');
  });
});

describe('a client whose time-outs run on real time', () => {
  it('gets a note, not a failure, for waiting out a provider that never answers: the suite cannot wait for a real time-out', async () => {
    const adapter = { ...brokenAdapter('socket time-outs', { noTimeout: true }), timeouts: 'real' as const };
    const report = await runSuite(oneioSuite, adapter, { checks: ['oneio.token-no-answer'] });
    const result = report.results.find((r) => r.id === 'oneio.token-no-answer')!;
    expect(result.status, formatReport(report)).toBe('passed');
    expect(result.notes.join('\n')).toContain("this client’s time-outs run on real time (its adapter says timeouts: 'real')");
  });
});

describe('checks under another reading', () => {
  it('have ids an expected-failures file can list', () => {
    expect([...parseExpectations('octorate.refresh-token@rotating  # rotation not handled yet\n', 'known.txt').ids]).toEqual(['octorate.refresh-token@rotating']);
  });
});

describe('the summary line', () => {
  it('calls checks that could not run blocked, as the report’s BLOCK lines do', () => {
    const result = (id: string, status: CheckResult['status']): CheckResult => ({ id, title: id, rule: '', status, findings: [], notes: [], requests: 0, virtualSeconds: 0, durationMs: 0 });
    const report = { results: [result('a', 'passed'), result('b', 'failed'), result('c', 'blocked')], counts: { passed: 1, failed: 1, blocked: 1 } } as unknown as SuiteReport;
    expect(summaryLine(report)).toBe('1 passed, 1 failed, 1 blocked');
  });
});
