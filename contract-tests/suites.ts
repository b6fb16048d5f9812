// Every provider's contract suite by provider id, for the CLI and for tools that list them.
import { ochnoSuite } from './ochno/suite.ts';
import { octorateSuite } from './octorate/suite.ts';
import { oneioSuite } from './oneio/suite.ts';
import type { ContractSuite } from './types.ts';

export const SUITES: Readonly<Record<string, ContractSuite<any, any>>> = {
  oneio: oneioSuite,
  octorate: octorateSuite,
  ochno: ochnoSuite,
};
