// The HTML of accounts.google.com: the page shell, Google's "Access blocked" error page, and its plain 404/405 pages.
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Content = HtmlEscapedString | Promise<HtmlEscapedString>;

const STYLE = `
body { font-family: Roboto, Arial, sans-serif; background: #fff; color: #202124; margin: 0; }
main { max-width: 28rem; margin: 3rem auto; border: 1px solid #dadce0; border-radius: 8px; padding: 2.5rem 2.5rem 2rem; }
.logo { font-size: 1.4rem; letter-spacing: -.02em; }
.logo span:nth-child(1), .logo span:nth-child(4) { color: #4285f4; } .logo span:nth-child(2), .logo span:nth-child(6) { color: #ea4335; }
.logo span:nth-child(3) { color: #fbbc05; } .logo span:nth-child(5) { color: #34a853; }
h1 { font-size: 1.5rem; font-weight: 400; margin: 1rem 0; }
label.account { display: flex; gap: .6rem; align-items: center; padding: .6rem; border-bottom: 1px solid #e8eaed; cursor: pointer; }
ul.scopes { padding-left: 1.2rem; } ul.scopes li { margin: .4rem 0; }
.actions { display: flex; justify-content: flex-end; gap: 1rem; margin-top: 2rem; }
button { padding: .55rem 1.4rem; font-size: .95rem; border-radius: 4px; border: 1px solid #dadce0; cursor: pointer; background: #fff; color: #1a73e8; }
button.approve { background: #1a73e8; color: #fff; border-color: #1a73e8; }
.error { color: #d93025; } code { font-size: .85rem; word-break: break-all; }
`;

const LOGO = html`<div class="logo"><span>G</span><span>o</span><span>o</span><span>g</span><span>l</span><span>e</span></div>`;

/** A complete page; the body is already escaped by the `html` tag of its caller. */
export function page(title: string, body: Content): string {
  if (body instanceof Promise) throw new Error('Google pages are rendered synchronously.');
  return String(html`<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>${raw(STYLE)}</style></head>
<body><main>${LOGO}${body}</main></body>
</html>`);
}

const HTML_HEADERS = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache, no-store, max-age=0, must-revalidate' };

/**
 * DOC (Google's authorisation errors): "Access blocked" with "Error <status>: <code>", and request details
 * for the developer. Never a redirect: a bad client or redirect URI reaches no one (RFC 6749 §4.1.2.1).
 */
export function accessBlockedPage(status: number, code: string, message: string): Response {
  const title = code === 'invalid_client' ? 'Access blocked: Authorization Error' : 'Access blocked: This app’s request is invalid';
  const body = page(
    'Error 400',
    html`<h1 class="error">${title}</h1>
<p id="error-message">${message}</p>
<p id="error-code"><strong>Error ${status}: ${code}</strong></p>`,
  );
  return new Response(body, { status, headers: HTML_HEADERS });
}

/** INF: Google's plain error pages for an unknown path or method ("That’s an error."), on every host. */
export function plainErrorPage(status: number, message: string): Response {
  const body = page(`Error ${status}`, html`<h1><b>${status}.</b> That’s an error.</h1><p id="error-message">${message}</p><p>That’s all we know.</p>`);
  return new Response(body, { status, headers: HTML_HEADERS });
}
