// Reading a `scope` parameter the way Ochno documents it: space-separated, known scopes, only those granted.
import type { ClientRecord } from '../../../core/clients.ts';
import { DoubleError } from '../../../core/errors.ts';
import type { ProviderContext } from '../../../core/provider.ts';
import type { OchnoQuirks } from '../quirks.ts';
import { isScope, OCHNO_SCOPES } from '../scopes.ts';

/** What the integration may ask for: its granted scopes (all documented ones when none were set), less any `scope-missing`. */
export function grantedScopes(ctx: ProviderContext<OchnoQuirks>, client: ClientRecord): string[] {
  const granted: string[] = client.scopes.length > 0 ? client.scopes : [...OCHNO_SCOPES];
  const lost = ctx.scenarios.params<{ scope: string }>('ochno', 'scope-missing')?.scope;
  return granted.filter((s) => s !== lost);
}

/** DOC (seed 000): "scope - space separated string (spaces between scopes)". */
export function parseScope(ctx: ProviderContext<OchnoQuirks>, client: ClientRecord, raw: string): string[] {
  if (/[,+;]/.test(raw)) {
    throw new DoubleError(
      'invalid_scope',
      `scope "${raw}" is not space-separated: Ochno expects the scopes joined by single spaces, e.g. "hubs:read accounts:read".`,
      { field: 'scope' },
    );
  }
  const scopes = [...new Set(raw.split(' ').filter((s) => s !== ''))];
  if (scopes.length === 0) throw new DoubleError('invalid_scope', 'scope is empty; ask for the scopes the integration needs, space-separated.', { field: 'scope' });
  const unknown = scopes.find((s) => !isScope(s));
  if (unknown) throw new DoubleError('invalid_scope', `Unknown scope "${unknown}"; Ochno's scopes are ${OCHNO_SCOPES.join(', ')}.`, { field: 'scope' });
  const granted = grantedScopes(ctx, client);
  const refused = scopes.find((s) => !granted.includes(s));
  if (refused) {
    throw new DoubleError('invalid_scope', `The integration was not granted the scope "${refused}"; it may ask for ${granted.join(' ')}.`, { field: 'scope' });
  }
  return scopes;
}
