// Where the local certificate authority lives by default: per user, kept between runs (like mkcert's CAROOT).
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/** `$XDG_DATA_HOME/oauth-doubles/ca`, else `~/.local/share/oauth-doubles/ca`. */
export function defaultCaDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME && isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : join(homedir(), '.local', 'share');
  return join(base, 'oauth-doubles', 'ca');
}

export const CA_CERT_FILE = 'ca.pem';
export const CA_KEY_FILE = 'ca-key.pem';
