// The providers a manifest can be run against, by provider id.
import type { ManifestProfile } from '../settings.ts';
import { octorateProfile } from './octorate.ts';

export const MANIFEST_PROFILES: Readonly<Record<string, ManifestProfile>> = {
  octorate: octorateProfile,
};
