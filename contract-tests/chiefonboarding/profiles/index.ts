// The providers a manifest can be run against, by provider id.
import type { ManifestProfile } from '../settings.ts';
import { googleProfile } from './google.ts';
import { ochnoProfile } from './ochno.ts';
import { octorateProfile } from './octorate.ts';

export const MANIFEST_PROFILES: Readonly<Record<string, ManifestProfile>> = {
  google: googleProfile,
  ochno: ochnoProfile,
  octorate: octorateProfile,
};
