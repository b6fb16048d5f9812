// The reference Octorate client passes every Octorate check, through MSW and through the HTTP server, via describeContract.
import { describeContract } from '../vitest.ts';
import referenceAdapter from './reference-adapter.ts';
import { octorateSuite } from './suite.ts';

describeContract(octorateSuite, referenceAdapter, { transport: 'msw' });
describeContract(octorateSuite, referenceAdapter, { transport: 'http' });
