import { PERMISSIONS, type Role } from '@evmtrail/shared';

export function mayRunFlc(role: string): boolean {
  return PERMISSIONS['flc.run'].includes(role as Role);
}

/** Engineers (BEL/ECIL) record FLC results; the lifecycle refuses anyone else. */
export function mayRecordFlc(role: string): boolean {
  return role === 'engineer';
}
