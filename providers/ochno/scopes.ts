// Ochno's scopes (seed 000 "Scopes"; ochno.md: the demo also asks for accounts:write and hubs:write).

/** DOC: sub, email, hubs:read, accounts:read; the guide's example and the demo add hubs:write and accounts:write. */
export const OCHNO_SCOPES = ['sub', 'email', 'hubs:read', 'hubs:write', 'accounts:read', 'accounts:write'] as const;
export type OchnoScope = (typeof OCHNO_SCOPES)[number];

export const isScope = (value: string): value is OchnoScope => (OCHNO_SCOPES as readonly string[]).includes(value);
