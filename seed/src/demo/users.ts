import type { JurisdictionLevel, Role } from '@evmtrail/shared';

import type { Prng } from '../lib/prng.ts';
import type { LoginRow } from '../login-table.ts';
import type { UserRow } from './types.ts';

/** Short, easy-to-type words for demo passwords (3 words + 2 digits, derived from the seed). */
const WORDS = [
  'amber', 'banyan', 'cedar', 'delta', 'ember', 'falcon', 'garnet', 'harbor', 'indigo', 'jasmine',
  'kestrel', 'lotus', 'mango', 'nectar', 'orchid', 'pepper', 'quartz', 'river', 'saffron', 'tamarind',
  'umber', 'velvet', 'willow', 'yarrow', 'zephyr', 'monsoon', 'peacock', 'tiger', 'lantern', 'meadow',
  'pebble', 'summit',
] as const;

export function demoPassword(rng: Prng): string {
  const words = [rng.pick(WORDS), rng.pick(WORDS), rng.pick(WORDS)];
  return `${words.join('-')}-${String(rng.int(10, 99))}`;
}

interface UserSpec {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly level: JurisdictionLevel;
  readonly stateCode?: string;
  readonly districtCode?: string;
  readonly acNumber?: number;
  readonly jurisdictionName: string;
}

const PUNE_AC = 210;
const PUNE_AC_NAME = `AC ${PUNE_AC} Kothrud`;

const USER_SPECS: readonly UserSpec[] = [
  { username: 'eci.admin', displayName: 'ECI Administrator', role: 'eci_admin', level: 'nation', jurisdictionName: 'India' },
  { username: 'ceo.mh', displayName: 'Chief Electoral Officer, Maharashtra', role: 'ceo', level: 'state', stateCode: 'MH', jurisdictionName: 'Maharashtra' },
  { username: 'deo.pune', displayName: 'District Election Officer, Pune', role: 'deo', level: 'district', stateCode: 'MH', districtCode: 'MH-PUNE', jurisdictionName: 'Pune' },
  { username: 'dydeo.pune', displayName: 'Deputy District Election Officer, Pune', role: 'dy_deo', level: 'district', stateCode: 'MH', districtCode: 'MH-PUNE', jurisdictionName: 'Pune' },
  { username: 'ro.ac210', displayName: 'Returning Officer, 210 Kothrud', role: 'ro', level: 'ac', stateCode: 'MH', districtCode: 'MH-PUNE', acNumber: PUNE_AC, jurisdictionName: PUNE_AC_NAME },
  { username: 'warehouse.pune', displayName: 'Warehouse In-charge, Pune', role: 'warehouse', level: 'district', stateCode: 'MH', districtCode: 'MH-PUNE', jurisdictionName: 'Pune' },
  { username: 'engineer.bel', displayName: 'BEL Engineer, Pune', role: 'engineer', level: 'district', stateCode: 'MH', districtCode: 'MH-PUNE', jurisdictionName: 'Pune' },
  { username: 'sector.ac210', displayName: 'Sector Officer, 210 Kothrud', role: 'sector_officer', level: 'ac', stateCode: 'MH', districtCode: 'MH-PUNE', acNumber: PUNE_AC, jurisdictionName: PUNE_AC_NAME },
  { username: 'presiding.ac210', displayName: 'Presiding Officer, 210 Kothrud', role: 'presiding_officer', level: 'ac', stateCode: 'MH', districtCode: 'MH-PUNE', acNumber: PUNE_AC, jurisdictionName: PUNE_AC_NAME },
  { username: 'observer.pune', displayName: 'General Observer, Pune', role: 'observer', level: 'district', stateCode: 'MH', districtCode: 'MH-PUNE', jurisdictionName: 'Pune' },
  { username: 'party.pune', displayName: 'Party Representative, Pune', role: 'party_rep', level: 'district', stateCode: 'MH', districtCode: 'MH-PUNE', jurisdictionName: 'Pune' },
  { username: 'deo.mumbai', displayName: 'District Election Officer, Mumbai Suburban', role: 'deo', level: 'district', stateCode: 'MH', districtCode: 'MH-MUMBAI-SUB', jurisdictionName: 'Mumbai Suburban' },
  // The RO of the second AC drawn (211 Khadakwasla): their second randomisation is still open.
  { username: 'ro.ac211', displayName: 'Returning Officer, 211 Khadakwasla', role: 'ro', level: 'ac', stateCode: 'MH', districtCode: 'MH-PUNE', acNumber: 211, jurisdictionName: 'AC 211 Khadakwasla' },
];

/** One user per role (plus a DEO of the second district), passwords derived from the seed. */
export function generateUsers(rng: Prng): UserRow[] {
  return USER_SPECS.map((spec) => ({
    username: spec.username,
    displayName: spec.displayName,
    role: spec.role,
    password: demoPassword(rng.fork(spec.username)),
    jurisdictionLevel: spec.level,
    stateCode: spec.stateCode ?? null,
    districtCode: spec.districtCode ?? null,
    acNumber: spec.acNumber ?? null,
    jurisdictionName: spec.jurisdictionName,
  }));
}

/** The line of the login table for `user`. */
export function loginRow(user: UserRow): LoginRow {
  return { username: user.username, password: user.password, role: user.role, jurisdiction: user.jurisdictionName };
}
