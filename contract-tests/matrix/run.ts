// Runs every library variant through every suite it speaks, under both transports: the rows of the compatibility matrix.
import { ochnoSuite } from '../ochno/suite.ts';
import { octorateSuite } from '../octorate/suite.ts';
import { oneioSuite } from '../oneio/suite.ts';
import { runSuite } from '../runner.ts';
import type { SuiteReport, Transport } from '../types.ts';
import { ochnoAdapter, octorateAdapter, oneioAdapter } from './adapters.ts';
import { VARIANTS, type LibraryVariant } from './libraries.ts';

export interface MatrixRow {
  library: LibraryVariant['library'];
  config: string;
  provider: string;
  transport: Transport;
  report: SuiteReport;
}

/** Not-passing checks of a report with their first finding, for the table and the tests. */
export const failing = (report: SuiteReport): Array<{ id: string; status: string; why: string }> =>
  report.results.filter((r) => r.status !== 'passed').map((r) => ({ id: r.id, status: r.status, why: r.findings[0]?.message ?? `blocked by ${r.blockedBy?.join(', ')}` }));

export async function runMatrix(transports: Transport[] = ['msw', 'http']): Promise<MatrixRow[]> {
  const rows: MatrixRow[] = [];
  for (const variant of VARIANTS) {
    for (const transport of transports) {
      const { library, config } = variant;
      if (variant.oneio) rows.push({ library, config, provider: 'oneio', transport, report: await runSuite(oneioSuite, oneioAdapter({ ...variant, oneio: variant.oneio }), { transport }) });
      if (variant.octorate) rows.push({ library, config, provider: 'octorate', transport, report: await runSuite(octorateSuite, octorateAdapter({ ...variant, octorate: variant.octorate }), { transport }) });
      if (variant.ochno) rows.push({ library, config, provider: 'ochno', transport, report: await runSuite(ochnoSuite, ochnoAdapter({ ...variant, ochno: variant.ochno }), { transport }) });
    }
  }
  return rows;
}
