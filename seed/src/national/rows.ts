import { DEFAULT_ELECTION_RULES, MODEL_CAPACITIES, MODELS } from '@evmtrail/shared';

import { Prng } from '../lib/prng.ts';
import type { CopyValue } from './copy.ts';
import { receiptTime, warehouseCode } from './district-log.ts';
import { nationalSerial, type NationalPlan, type PlannedDistrict } from './plan.ts';

/*
 * Row generators for the national COPY streams. Ids are assigned here (1..n in plan order),
 * so no round trip is needed to learn them; the writer moves the sequences past them.
 */

const ECI_BODY_ID = 1;

/** Database ids derived from the plan. */
export interface NationalIds {
  /** acs.id of the first AC of each district (ACs of a district are consecutive). */
  readonly firstAcId: readonly number[];
  /** pcs.id of PC 1 of each state. */
  readonly firstPcId: readonly number[];
  /** locations.id of each district's warehouse; its polling stations follow it. */
  readonly warehouseId: readonly number[];
}

export function assignIds(plan: NationalPlan): NationalIds {
  const firstAcId: number[] = [];
  const firstPcId: number[] = [];
  const warehouseId: number[] = [];
  let ac = 1;
  let pc = 1;
  let location = 1;
  for (const count of plan.pcsPerState) {
    firstPcId.push(pc);
    pc += count;
  }
  for (const district of plan.districts) {
    firstAcId.push(ac);
    ac += district.acs.length;
    warehouseId.push(location);
    location += 1 + district.psCount;
  }
  return { firstAcId, firstPcId, warehouseId };
}

export function* stateRows(plan: NationalPlan): Generator<CopyValue[]> {
  for (const s of plan.states) yield [s.index + 1, s.code, s.name, null];
}

export function* referenceRows(): Generator<[string, readonly string[], CopyValue[][]]> {
  yield ['election_bodies', ['id', 'code', 'name', 'kind', 'state_id'], [[ECI_BODY_ID, 'ECI', 'Election Commission of India', 'eci', null]]];
  yield ['unit_models', ['code', 'candidates_per_bu', 'max_bu_per_cu', 'max_votes_per_cu'],
    MODELS.map((m) => [m, MODEL_CAPACITIES[m].candidatesPerBu, MODEL_CAPACITIES[m].maxBuPerCu, MODEL_CAPACITIES[m].maxVotesPerCu])];
  yield ['elections', ['id', 'body_id', 'code', 'name', 'kind', 'state_id', 'rules'],
    [[1, ECI_BODY_ID, 'GE2029', 'General Election to Lok Sabha 2029', 'lok_sabha', null, JSON.stringify(DEFAULT_ELECTION_RULES)]]];
}

export function* districtRows(plan: NationalPlan): Generator<CopyValue[]> {
  for (const d of plan.districts) yield [d.index + 1, d.stateIndex + 1, d.code, d.name, null, d.lat, d.lon, d.origin];
}

export function* pcRows(plan: NationalPlan, ids: NationalIds): Generator<CopyValue[]> {
  for (const [s, count] of plan.pcsPerState.entries()) {
    for (let n = 1; n <= count; n++) {
      yield [(ids.firstPcId[s] ?? 0) + n - 1, s + 1, n, `PC ${String(s + 1).padStart(2, '0')}-${String(n).padStart(2, '0')}`, null];
    }
  }
}

export function* acRows(plan: NationalPlan, ids: NationalIds): Generator<CopyValue[]> {
  for (const d of plan.districts) {
    for (const [i, ac] of d.acs.entries()) {
      const pcId = (ids.firstPcId[d.stateIndex] ?? 0) + ac.pcNumber - 1;
      yield [(ids.firstAcId[d.index] ?? 0) + i, d.stateIndex + 1, d.index + 1, pcId, ac.number, `AC ${String(d.stateIndex + 1).padStart(2, '0')}-${String(ac.number).padStart(3, '0')}`, null];
    }
  }
}

/** The warehouse and the polling stations of every district. */
export function* locationRows(plan: NationalPlan, ids: NationalIds): Generator<CopyValue[]> {
  for (const d of plan.districts) {
    const rng = new Prng(`evmtrail-national|${plan.seed}|ps|${d.code}`);
    let id = ids.warehouseId[d.index] ?? 0;
    yield [d.index + 1, id, warehouseCode(d), 'warehouse', null, `EVM Warehouse, ${d.name}`, null, null, d.lat, d.lon, null, null];
    for (const [i, ac] of d.acs.entries()) {
      const acId = (ids.firstAcId[d.index] ?? 0) + i;
      for (let n = 1; n <= ac.psCount; n++) {
        id++;
        const lat = Math.round((d.lat + rng.gaussian() * 0.08) * 1e6) / 1e6;
        const lon = Math.round((d.lon + rng.gaussian() * 0.08) * 1e6) / 1e6;
        const code = `PS-AC${ac.number}-${String(n).padStart(3, '0')}`;
        yield [d.index + 1, id, code, 'polling_station', null, `Polling Station ${n}, AC ${ac.number}, ${d.name}`, null, acId, lat, lon, n, rng.int(800, 1200)];
      }
    }
  }
}

export const LOCATION_COLUMNS = ['district_id', 'id', 'code', 'kind', 'strongroom_type', 'name', 'name_hi', 'ac_id', 'lat', 'lon', 'ps_number', 'electors'] as const;

export const UNIT_COLUMNS = ['district_id', 'serial', 'kind', 'maker', 'model', 'year', 'owner_body_id', 'state', 'previous_state', 'location_id', 'updated_at', 'version'] as const;

interface LotUnit {
  readonly serial: string;
  readonly lot: number;
}

/**
 * One district's units as (serial, entry index), sorted by serial so that the primary keys
 * (district_id, serial[, idx]) are filled in order (a few thousand rows per district).
 */
function sortedUnits(district: PlannedDistrict): LotUnit[] {
  const units: LotUnit[] = [];
  for (const [lot, planned] of district.lots.entries()) {
    for (let k = 0; k < planned.size; k++) units.push({ serial: nationalSerial(planned, k), lot });
  }
  return units.sort((a, b) => (a.serial < b.serial ? -1 : a.serial > b.serial ? 1 : 0));
}

/** Every unit, received into its district warehouse. */
export function* unitRows(plan: NationalPlan, ids: NationalIds): Generator<CopyValue[]> {
  for (const d of plan.districts) {
    const warehouse = ids.warehouseId[d.index] ?? 0;
    for (const { serial, lot } of sortedUnits(d)) {
      const planned = d.lots[lot];
      if (!planned) continue;
      yield [d.index + 1, serial, planned.kind, planned.maker, planned.model, planned.year, ECI_BODY_ID, 'in_warehouse', 'in_transit', warehouse, receiptTime(lot), 1];
    }
  }
}

/** log_unit_refs: each unit appears in its consignment's RECEIPT entry (entry index = lot index). */
/** Each unit's one log entry: the receipt of its lot. */
export function* unitRefs(plan: NationalPlan): Generator<{ districtId: number; serial: string; idx: number }> {
  for (const d of plan.districts) {
    for (const { serial, lot } of sortedUnits(d)) yield { districtId: d.index + 1, serial, idx: lot };
  }
}
