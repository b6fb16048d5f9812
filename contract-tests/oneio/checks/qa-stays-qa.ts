// oneio.qa-stays-qa: a client configured for QA never calls a PROD host, on any path (start-up, refresh, retries).
import type { JournalEntry } from '../../../core/journal.ts';
import { deliverThroughAnHour, lines, type OneioCheck } from '../judge.ts';

export const qaStaysQa: OneioCheck = {
  id: 'oneio.qa-stays-qa',
  title: 'a client configured for QA never calls ONEiO PROD',
  rule: 'QA and PROD are separate worlds with their own hosts, endpoint users and tokens (shared/providers/oneio.md).',
  async run(t) {
    await deliverThroughAnHour(t);
    const prod = t.journal({ provider: 'oneio' }).filter((e) => e.environment !== t.settings.environment);
    const byHost = new Map<string, JournalEntry[]>();
    for (const entry of prod) byHost.set(entry.host, [...(byHost.get(entry.host) ?? []), entry]);
    for (const [host, entries] of byHost) {
      const env = entries[0]!.environment.toUpperCase();
      t.fail(
        `called ONEiO ${env} (${host}) ${entries.length} time(s) although configured for ${t.settings.environment.toUpperCase()}; a ${t.settings.environment.toUpperCase()} client must use only the URLs of its environment — ONEiO ${env} refuses ${t.settings.environment.toUpperCase()} credentials and tokens, and a message sent there is a real one`,
        lines(t, entries),
      );
    }
  },
};
