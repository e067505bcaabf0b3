/**
 * Who runs a randomisation ceremony (eci-brief §12.5, issue 8 item 7): the DEO a district draw
 * (the first randomisation, a district supplementary), the RO of the AC an AC draw (the second
 * randomisation, an AC supplementary, and replacements from its reserve). The one rule the api's
 * service and the web's pages both use; the api judges the jurisdiction on top.
 */
import { PERMISSIONS } from './permissions.ts';
import type { Role } from './roles.ts';

/** Where a ceremony draws: an AC (named by id or by its summary) or the whole district (null). */
export interface CeremonyScope {
  readonly stage: string;
  readonly acId: number | null;
}

/** The role that runs the ceremony's steps (freeze, dice, allocation, abandon, replacement). */
export function ceremonyRunnerRole(c: CeremonyScope): 'deo' | 'ro' {
  return c.stage === 'second' || c.acId !== null ? 'ro' : 'deo';
}

/**
 * Whether `role` runs the ceremony's steps: allowed `ceremony.run` at all, and the stage's runner.
 * The FLC mock-poll sample is the FLC's draw: the DEO or the FLC supervisor (Dy. DEO), as the api
 * judges it under `flc.run`.
 */
export function mayRunCeremony(role: string, c: CeremonyScope): boolean {
  if (c.stage === 'flc_sample') return role === 'deo' || role === 'dy_deo';
  return PERMISSIONS['ceremony.run'].includes(role as Role) && role === ceremonyRunnerRole(c);
}
