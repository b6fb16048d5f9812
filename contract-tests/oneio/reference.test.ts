// The reference ONEiO client passes every ONEiO check, through MSW and through the HTTP server, via describeContract.
import { describeContract } from '../vitest.ts';
import referenceAdapter from './reference-adapter.ts';
import { oneioSuite } from './suite.ts';

describeContract(oneioSuite, referenceAdapter, { transport: 'msw' });
describeContract(oneioSuite, referenceAdapter, { transport: 'http' });
