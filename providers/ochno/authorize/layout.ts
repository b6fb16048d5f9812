// The HTML shell of Ochno's sign-in pages (authorisation page and its error page), escaped with hono/html.
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

const STYLE = `
body { font-family: system-ui, sans-serif; background: #10151c; color: #e8edf3; margin: 0; }
main { max-width: 34rem; margin: 3rem auto; background: #1b232e; padding: 2rem; border-radius: 10px; }
h1 { font-size: 1.3rem; margin-top: 0; letter-spacing: .04em; }
label { display: block; padding: .3rem 0; }
.scopes code { background: #2a3542; padding: .1rem .3rem; border-radius: 4px; }
.actions { display: flex; gap: 1rem; margin-top: 1.5rem; }
button { padding: .5rem 1.2rem; font-size: 1rem; border-radius: 6px; border: 0; cursor: pointer; }
button.approve { background: #3ddc97; color: #10151c; } button.deny { background: #2a3542; color: #e8edf3; }
.error { color: #ff8080; }
`;

export function page(title: string, body: HtmlEscapedString | Promise<HtmlEscapedString>): string {
  if (body instanceof Promise) throw new Error('Ochno pages are rendered synchronously.');
  return String(html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>${raw(STYLE)}</style></head>
<body><main>${body}</main></body></html>`);
}

/** Never a redirect: an unknown client or unregistered redirect URI must reach no one (RFC 6749 §4.1.2.1). */
export function errorPage(status: number, message: string): Response {
  const body = page('Ochno Operated — error', html`<h1>OCHNO OPERATED</h1><h2 class="error">The request cannot be completed</h2><p id="error-message">${message}</p>`);
  return new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
}
