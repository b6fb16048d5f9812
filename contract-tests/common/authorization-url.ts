// Shared by the code-flow suites: the client's authorisation URL, read and checked to lead to the provider's page.
import type { BaseSettings, CheckContext } from '../types.ts';

export interface AuthorizationPage {
  /** `Ochno`, `Octorate`: in messages. */
  provider: string;
  /** Who opens the URL: `the user`, `the hotelier`. */
  who: string;
  /** The real page, `https://<host><path>`: accepted too, with a note, when the settings point elsewhere. */
  realPage: string;
}

/**
 * Asks the client for its authorisation URL: the text as the client gave it, and parsed. Fails the check (undefined) when the call fails, the answer is no
 * URL, or the URL leads anywhere but the provider's authorisation page.
 */
export async function readAuthorizationUrl<S extends BaseSettings & { authorizeUrl: string }, O extends { authorizationUrl(): string | Promise<string> }>(
  t: CheckContext<S, O>,
  when: string,
  page: AuthorizationPage,
): Promise<{ text: string; url: URL } | undefined> {
  const outcome = await t.run(async (client) => client.authorizationUrl());
  if (outcome.kind !== 'resolved') {
    t.fail(`${when}: authorizationUrl() failed (${outcome.message})`);
    return undefined;
  }
  const text = String(outcome.value);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    t.fail(`${when}: authorizationUrl() returned ${JSON.stringify(text.slice(0, 80))}, which is not a URL`, [`authorizationUrl() → ${text.slice(0, 200)}`]);
    return undefined;
  }
  const configured = new URL(t.settings.authorizeUrl);
  const target = `${url.origin}${url.pathname}`;
  if (target !== `${configured.origin}${configured.pathname}` && target !== page.realPage) {
    t.fail(`${when}: authorizationUrl() sends ${page.who} to ${target}; ${page.provider}'s authorisation page is ${t.settings.authorizeUrl}`, [`authorizationUrl() → ${text}`]);
    return undefined;
  }
  if (target !== `${configured.origin}${configured.pathname}`) t.note(`authorizationUrl() points at ${target} instead of the authorisation page in its settings (${t.settings.authorizeUrl})`);
  return { text, url };
}
