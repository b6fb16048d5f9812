// Messages an emulated receiver accepted, in order, per provider and environment.

export interface InboxMessage {
  seq: number;
  /** Clock time (epoch ms) of acceptance. */
  at: number;
  provider: string;
  environment: string;
  path: string;
  /** How the sender authenticated: `bearer` or `basic`. */
  auth: string;
  clientId: string;
  /** Request headers, lower-case names, credentials fingerprinted. */
  headers: Record<string, string>;
  /** The parsed JSON body. */
  body: unknown;
}

export interface InboxStore {
  deliver(message: Omit<InboxMessage, 'seq'>): InboxMessage;
  messages(provider: string, environment?: string): InboxMessage[];
  clear(provider?: string, environment?: string): void;
}

export function createInboxStore(): InboxStore {
  let items: InboxMessage[] = [];
  let seq = 0;
  const matches = (m: InboxMessage, provider?: string, environment?: string): boolean =>
    (provider === undefined || m.provider === provider) && (environment === undefined || m.environment === environment);
  return {
    deliver(message) {
      const full = { seq: ++seq, ...message };
      items.push(full);
      return full;
    },
    messages: (provider, environment) => items.filter((m) => matches(m, provider, environment)),
    clear(provider, environment) {
      items = items.filter((m) => !matches(m, provider, environment));
    },
  };
}
