// Every emulated provider, in the order the start-up table lists them.
import type { ProviderDefinition } from '../core/provider.ts';
import { oneio } from './oneio/index.ts';

export { oneio };

export const ALL_PROVIDERS: ProviderDefinition<any>[] = [oneio];
