// Launches the system Chromium (Debian `chromium`, see scripts/install-browser.sh) headless via playwright-core for browser tests.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

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
