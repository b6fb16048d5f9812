// The system tools the client tests drive (installed by scripts/install-client-tools.sh): missing ones skip locally, fail in CI.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface Tool {
  /** Absolute path, or undefined when missing. */
  path: string | undefined;
  /** Skip the tests that need it: only outside CI, where a missing tool is a failure instead. */
  skip: boolean;
  /** The path, or a failure that says how to install the tool. */
  need(): string;
}

function tool(name: string, path: string, works: () => boolean = () => true): Tool {
  const present = existsSync(path) && works();
  return {
    path: present ? path : undefined,
    skip: !present && !process.env.CI,
    need: () => {
      if (!present) throw new Error(`${name} is missing (${path}): run bash scripts/install-client-tools.sh`);
      return path;
    },
  };
}

export const CURL = tool('curl', '/usr/bin/curl');
/** Debian's python3, not whichever python comes first on PATH: python3-requests is installed for it. */
export const PYTHON = tool('python3', '/usr/bin/python3');
export const PYTHON_REQUESTS = tool('python3-requests', '/usr/bin/python3', () => {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import requests'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});

/** Java is on machines of this kind but not installed by the project: without it the Java test skips, in CI too. */
export const JAVA = { ...tool('java', '/usr/bin/java'), skip: !existsSync('/usr/bin/java') || !existsSync('/usr/bin/keytool') };
