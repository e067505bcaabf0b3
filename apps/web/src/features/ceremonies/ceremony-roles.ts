import { PERMISSIONS, type CeremonySummary, type Role } from '@evmtrail/shared';

/** Who runs a ceremony: the DEO a district draw, the RO an AC draw (the api judges the same). */
export function mayRun(role: string, c: Pick<CeremonySummary, 'ac' | 'stage'>): boolean {
  // The FLC mock-poll sample: the DEO or the FLC supervisor (Dy. DEO), as the api judges it (flc.run).
  if (c.stage === 'flc_sample') return role === 'deo' || role === 'dy_deo';
  return PERMISSIONS['ceremony.run'].includes(role as Role) && role === (c.ac === null ? 'deo' : 'ro');
}

export function mayStartAny(role: string): boolean {
  return PERMISSIONS['ceremony.run'].includes(role as Role);
}

export function mayCommit(role: string): boolean {
  return PERMISSIONS['ceremony.commit'].includes(role as Role);
}

export function mayFinalise(role: string): boolean {
  return PERMISSIONS['ceremony.finalise'].includes(role as Role);
}
