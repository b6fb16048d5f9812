// MSW transport: the emulated providers on their real https:// URLs, for unit tests.
export { mswHandlers } from './handlers.ts';
export { setupDoubles, type Doubles } from './doubles.ts';
