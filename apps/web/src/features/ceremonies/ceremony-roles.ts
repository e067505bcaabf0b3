import { mayRunCeremony, PERMISSIONS, type CeremonySummary, type Role } from '@evmtrail/shared';

/** Who runs a ceremony: shared mayRunCeremony, the one rule the api's service judges too. */
export function mayRun(role: string, c: Pick<CeremonySummary, 'ac' | 'stage'>): boolean {
  return mayRunCeremony(role, { stage: c.stage, acId: c.ac?.id ?? null });
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
