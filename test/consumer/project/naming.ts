// Imported extensionless by the TypeScript adapter, as a bundler-style project writes it; an enum is not erasable syntax.
export enum Kind {
  Consumer = 'consumer',
}

export const adapterName = (kind: Kind): string => `${kind} TS adapter`;
