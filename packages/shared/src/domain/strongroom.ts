/**
 * Strongroom sessions (design.md "nothing moves in or out of a sealed strongroom without an open
 * strongroom session"; eci-brief §2.3, §12.6): the double lock's two key-holders, the witnesses
 * present, the seals broken at opening and applied at closing. Pure: the api keeps the rows.
 */

/** Roles whose users may hold one of a strongroom's two keys (DEO + Dy. DEO, RO + DEO, in-charge). */
export const KEY_HOLDER_ROLES = ['deo', 'dy_deo', 'ro', 'warehouse'] as const;

export const STRONGROOM_SESSION_STATUSES = ['open', 'closed'] as const;
export type StrongroomSessionStatus = (typeof STRONGROOM_SESSION_STATUSES)[number];

/** A witness present at an opening or closing: no login, recorded by name, party and ID card. */
export interface Witness {
  readonly name: string;
  readonly party: string;
  readonly idCard: string;
}

/** How a witness is written into the `witnesses` field of an EVMLOG/1 entry. */
export function witnessLabel(witness: Witness): string {
  return `${witness.name} (${witness.party}, ID ${witness.idCard})`;
}

export interface SealCheck {
  /** Seals applied at the last close that the opening does not report broken. */
  readonly missing: readonly string[];
  /** Seals reported broken that the last close did not apply. */
  readonly unexpected: readonly string[];
}

/** Seal numbers compare without case or surrounding spaces: 'pink-0042 ' is PINK-0042. */
export function normaliseSeal(seal: string): string {
  return seal.trim().toUpperCase();
}

/**
 * The seals broken at an opening against those applied at the last close. Both empty means they
 * match; a strongroom never closed before expects none.
 */
export function checkSeals(lastApplied: readonly string[], broken: readonly string[]): SealCheck {
  const applied = new Set(lastApplied.map(normaliseSeal));
  const reported = new Set(broken.map(normaliseSeal));
  return {
    missing: [...applied].filter((s) => !reported.has(s)),
    unexpected: [...reported].filter((s) => !applied.has(s)),
  };
}

export function sealsMatch(check: SealCheck): boolean {
  return check.missing.length === 0 && check.unexpected.length === 0;
}
