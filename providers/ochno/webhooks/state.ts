// The per-harness webhook dispatcher, kept in the provider's state slot: made on seeding, stopped on reset and close.
import type { ProviderContext } from '../../../core/provider.ts';
import type { OchnoQuirks } from '../quirks.ts';
import { createDispatcher, type WebhookDispatcher } from './dispatcher.ts';

const KEY = 'webhooks';

export function dispatcher(ctx: ProviderContext<OchnoQuirks>): WebhookDispatcher {
  let found = ctx.state.get(KEY) as WebhookDispatcher | undefined;
  if (!found) {
    found = createDispatcher(ctx);
    ctx.state.set(KEY, found);
  }
  return found;
}

/** Provider `dispose`: no timer or delivery outlives a reset or a closed harness. */
export function stopWebhooks(ctx: ProviderContext<OchnoQuirks>): void {
  (ctx.state.get(KEY) as WebhookDispatcher | undefined)?.stop();
  ctx.state.delete(KEY);
}
