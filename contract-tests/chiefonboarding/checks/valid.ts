// manifest.valid: the platform's validator accepts the manifest; everything else known before a run is listed as notes.
import { formatDiagnostic } from '../diagnostics.ts';
import { manifestCheck, type ManifestCheck } from '../judge.ts';

export const valid = (): ManifestCheck =>
  manifestCheck({
    id: 'manifest.valid',
    title: 'is accepted by the platform’s manifest validator',
    rule: 'ChiefOnboarding validates a manifest before saving it: unknown keys are refused and oauth.refresh is required, although its documentation calls refresh optional (chiefonboarding.md).',
    diagnostics: 'all',
    async run(t) {
      for (const d of t.client.diagnostics().filter((x) => x.severity === 'refused')) t.fail(formatDiagnostic(d));
    },
  });
