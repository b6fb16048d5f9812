// The Node.js versions the in-process parts need (msw 3 and vitest 5: Node 22.12+), checked before anything else runs.

/** The oldest Node.js the MSW handlers, the contract runner and `verify` support. */
export const MINIMUM_NODE = '22.12.0';

function parse(version: string): [number, number, number] {
  const [major = 0, minor = 0, patch = 0] = version.replace(/^v/, '').split('.').map((part) => Number.parseInt(part, 10) || 0);
  return [major, minor, patch];
}

/** True when `version` (e.g. `process.versions.node`) is at least MINIMUM_NODE. */
export function isSupportedNode(version: string): boolean {
  const found = parse(version);
  const needed = parse(MINIMUM_NODE);
  for (let i = 0; i < 3; i++) {
    if (found[i]! !== needed[i]!) return found[i]! > needed[i]!;
  }
  return true;
}

export class UnsupportedNodeError extends Error {
  override readonly name = 'UnsupportedNodeError';
}

/**
 * Refuses at once, naming what was found, what is needed and what to do, instead of failing later deep
 * inside msw (`Promise.withResolvers is not a function`) in a way that looks like the client's fault.
 */
export function assertSupportedNode(feature: string, version: string = process.versions.node): void {
  if (isSupportedNode(version)) return;
  throw new UnsupportedNodeError(
    `oauth-doubles: ${feature} needs Node.js >= ${MINIMUM_NODE.replace(/\.0$/, '')} (msw 3 and vitest 5 do), but this is Node.js ${version}. ` +
      `Run it on Node.js 22.12 or newer (for example \`nvm install 22\`, or the \`node\` npm package as a dev dependency). ` +
      `On this Node only the HTTP server works: \`npx oauth-doubles\` or \`startServer\` from 'oauth-doubles/server'.`,
  );
}
