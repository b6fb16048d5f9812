// Every emulated provider, in the order the start-up table lists them.
import type { ProviderDefinition } from '../core/provider.ts';
import { google } from './google/index.ts';
import { ochno } from './ochno/index.ts';
import { octorate } from './octorate/index.ts';
import { oneio } from './oneio/index.ts';

export { oneio, octorate, google, ochno };

export const ALL_PROVIDERS: ProviderDefinition<any>[] = [oneio, octorate, google, ochno];
