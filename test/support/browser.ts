// Launches the system Chromium (Debian `chromium`, see scripts/install-browser.sh) headless via playwright-core for browser tests.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Harness } from '../../core/harness.ts';
import { startServer, type RunningServer } from '../../server/serve.ts';

const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

// Playwright already passes most of these itself; they are listed so the launch does not depend on its defaults.
// Do not add --user-data-dir or --remote-debugging-*: playwright manages the profile and the connection.
const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function chromiumPath(): string {
  return process.env['CHROMIUM_PATH'] || DEFAULT_CHROMIUM_PATH;
}

export function browserAvailable(): boolean {
  return existsSync(chromiumPath());
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}; run scripts/install-browser.sh or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS] });
}

/** Whether to skip browser tests: only where no Chromium is installed and not in CI, where .ci/run installs it (a missing browser then fails). */
export function skipBrowserTests(): boolean {
  const skip = !browserAvailable() && !process.env['CI'];
  if (skip) console.warn('Browser test skipped: no Chromium on this machine; `bash scripts/install-browser.sh` installs it.');
  return skip;
}

/** A browser test's world: the local server, the application's callback page, and Chromium; filled in by `useBrowserScene`. */
export interface BrowserScene {
  server: RunningServer;
  browser: Browser;
  /** The application's redirect URI, served on loopback. */
  callbackUrl: string;
}

/**
 * Starts the server for `harness`, a callback page at `callbackPath` answering `page(query)`, and Chromium before
 * the tests, and stops them after; `register` gets the callback URL to register the application with.
 */
export function useBrowserScene(options: {
  harness: Harness;
  callbackPath: string;
  page: (query: URLSearchParams) => string;
  register: (callbackUrl: string) => void;
}): BrowserScene {
  const scene = {} as BrowserScene;
  let callback: Server | undefined;
  beforeAll(async () => {
    scene.server = await startServer({ harness: options.harness, port: 0 });
    const server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(options.page(new URL(req.url ?? '/', 'http://127.0.0.1').searchParams));
    });
    callback = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    scene.callbackUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${options.callbackPath}`;
    options.register(scene.callbackUrl);
    scene.browser = await launchBrowser();
  });
  afterAll(async () => {
    await scene.browser?.close();
    await scene.server?.close();
    await new Promise<void>((resolve) => (callback ? callback.close(() => resolve()) : resolve()));
  });
  return scene;
}
