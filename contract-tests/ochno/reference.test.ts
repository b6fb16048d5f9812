// The reference Ochno client passes every Ochno check, through MSW and through the HTTP server, via describeContract.
import { describeContract } from '../vitest.ts';
import referenceAdapter from './reference-adapter.ts';
import { ochnoSuite } from './suite.ts';

describeContract(ochnoSuite, referenceAdapter, { transport: 'msw' });
describeContract(ochnoSuite, referenceAdapter, { transport: 'http' });
