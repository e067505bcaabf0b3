import { DEFAULT_ELECTION_RULES, MODEL_CAPACITIES, MODELS } from '@evmtrail/shared';

import { Prng } from '../lib/prng.ts';
import type { LoginRow } from '../login-table.ts';
import { MUMBAI_SUBURBAN } from './mumbai.ts';
import type { DistrictSpec } from './place-types.ts';
import { generatePollingStations } from './polling-stations.ts';
import { MAHARASHTRA, PUNE } from './pune.ts';
import { acSites, districtSites } from './sites.ts';
import type { AcRow, ConsignmentRow, DemoDistrict, DistrictRow, LocationRow, PcRow, UnitRow } from './types.ts';
import { generateUnits, SerialCounters } from './units.ts';
import { generateUsers, loginRow } from './users.ts';

export const DEFAULT_SEED = 'evmtrail-demo';
const ECI_CODE = 'ECI';
const DEMO_DISTRICTS: readonly DistrictSpec[] = [PUNE, MUMBAI_SUBURBAN];

/** Consignments start shipping on this day; later ones follow in ascending order. */
const FIRST_DISPATCH: Readonly<Record<string, string>> = {
  [PUNE.code]: '2026-01-05T03:30:00.000Z', // 09:00 IST
  [MUMBAI_SUBURBAN.code]: '2026-05-04T03:30:00.000Z',
};

interface DistrictRows {
  readonly district: DistrictRow;
  readonly pcs: PcRow[];
  readonly acs: AcRow[];
  readonly locations: LocationRow[];
  readonly units: UnitRow[];
  readonly consignments: ConsignmentRow[];
}

function generateDistrict(spec: DistrictSpec, counters: SerialCounters, rng: Prng): DistrictRows {
  const pollingStations = spec.acs.flatMap((ac) => generatePollingStations(ac, spec, rng.fork(`ps/${ac.number}`)));
  const { units, consignments, vehicles } = generateUnits({
    district: spec,
    psCount: pollingStations.length,
    counters,
    ownerBodyCode: ECI_CODE,
    firstDispatch: new Date(FIRST_DISPATCH[spec.code] ?? '2026-01-05T03:30:00.000Z'),
    rng: rng.fork('units'),
  });
  return {
    district: {
      stateCode: spec.stateCode, code: spec.code, name: spec.name, nameHi: spec.nameHi,
      lat: spec.lat, lon: spec.lon, logOrigin: spec.logOrigin,
    },
    pcs: spec.pcs.map((pc) => ({ stateCode: spec.stateCode, ...pc })),
    acs: spec.acs.map((ac) => ({
      stateCode: spec.stateCode, districtCode: spec.code, pcNumber: ac.pcNumber,
      number: ac.number, name: ac.reservation === 'GEN' ? ac.name : `${ac.name} (${ac.reservation})`,
      nameHi: ac.reservation === 'GEN' ? ac.nameHi : `${ac.nameHi} (${ac.reservation === 'SC' ? 'अ.जा.' : 'अ.ज.जा.'})`,
    })),
    locations: [...districtSites(spec), ...spec.acs.flatMap((ac) => acSites(spec, ac)), ...pollingStations, ...vehicles],
    units,
    consignments,
  };
}

function demoRng(seed: string): Prng {
  return new Prng(`evmtrail-demo|${seed}`);
}

/** The demo users and their passwords for `seed`, without generating the rest. */
export function demoLogins(seed: string): LoginRow[] {
  return generateUsers(demoRng(seed).fork('users')).map(loginRow);
}

/**
 * The demo data set: Pune (the demo district), a small second district for jurisdiction
 * tests, users, election bodies, models and one election. Pure and deterministic: the same
 * seed gives byte-identical output.
 */
export function generateDemoDistrict(options: { seed: string }): DemoDistrict {
  const rng = demoRng(options.seed);
  const counters = new SerialCounters(rng.fork('serials'));
  const districts = DEMO_DISTRICTS.map((spec) => generateDistrict(spec, counters, rng.fork(spec.code)));
  return {
    seed: options.seed,
    states: [{ ...MAHARASHTRA }],
    bodies: [
      { code: ECI_CODE, name: 'Election Commission of India', kind: 'eci', stateCode: null },
      { code: 'SEC-MH', name: 'State Election Commission, Maharashtra', kind: 'sec', stateCode: MAHARASHTRA.code },
    ],
    unitModels: MODELS.map((model) => ({
      code: model,
      candidatesPerBu: MODEL_CAPACITIES[model].candidatesPerBu,
      maxBuPerCu: MODEL_CAPACITIES[model].maxBuPerCu,
      maxVotesPerCu: MODEL_CAPACITIES[model].maxVotesPerCu,
    })),
    districts: districts.map((d) => d.district),
    // Both demo districts are in Maharashtra, so PCs are listed once per state.
    pcs: districts.flatMap((d) => d.pcs),
    acs: districts.flatMap((d) => d.acs),
    locations: districts.flatMap((d) => d.locations),
    units: districts.flatMap((d) => d.units),
    consignments: districts.flatMap((d) => d.consignments),
    users: generateUsers(rng.fork('users')),
    elections: [{
      code: 'GE2029', name: 'General Election to Lok Sabha 2029', kind: 'lok_sabha',
      bodyCode: ECI_CODE, stateCode: null, rules: DEFAULT_ELECTION_RULES,
    }],
  };
}
