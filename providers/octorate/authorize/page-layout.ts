// The HTML shell of Octorate's admin pages (authorisation page and its error pages), escaped with hono/html.
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Content = HtmlEscapedString | Promise<HtmlEscapedString>;

const STYLE = `
body { font-family: system-ui, sans-serif; background: #f3f5f8; color: #1d2733; margin: 0; }
main { max-width: 36rem; margin: 3rem auto; background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px #0002; }
h1 { font-size: 1.4rem; margin-top: 0; color: #0b5cab; }
fieldset { border: 1px solid #d5dbe3; border-radius: 6px; margin: 1rem 0; }
label { display: block; padding: .25rem 0; }
.env { font-size: .8rem; padding: .1rem .4rem; border-radius: 4px; background: #e7eef8; }
.sandbox { background: #fff2cc; }
.actions { display: flex; gap: 1rem; margin-top: 1.5rem; }
button { padding: .5rem 1.2rem; font-size: 1rem; border-radius: 4px; border: 1px solid #0b5cab; cursor: pointer; }
button.approve { background: #0b5cab; color: #fff; }
button.deny { background: #fff; color: #0b5cab; }
.error { color: #a61b1b; }
`;

/** A complete page; the body is already escaped by the `html` tag of its caller. */
export function page(title: string, body: Content): string {
  if (body instanceof Promise) throw new Error('Octorate pages are rendered synchronously.');
  return String(html`<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>${raw(STYLE)}</style></head>
<body><main>${body}</main></body>
</html>`);
}

/** The error page of the admin site: never a redirect, so a bad client_id or redirect_uri reaches no one (RFC 6749 §4.1.2.1). */
export function errorPage(status: number, message: string): Response {
  const body = page(
    'Octorate — error',
    html`<h1>Octorate</h1><h2 class="error">The request cannot be completed</h2><p id="error-message">${message}</p><p>Status ${status}</p>`,
  );
  return new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
}
