import { UNIT_KINDS, type Maker, type Model, type UnitKind } from '@evmtrail/shared';

import { formatSerial, LOT_SIZE } from '../demo/units.ts';
import { Prng } from '../lib/prng.ts';

/*
 * The national shape, planned in memory before anything is written. Names are synthetic
 * ("State 07", "District 07-12"); the structure is real-ish: 36 states/UTs weighted by their
 * real district and assembly-constituency counts, 767 districts, about 4,120 ACs, 10.5 lakh
 * polling stations and 55 lakh units. The plan holds only counts and serial ranges (a few MB);
 * rows are generated from it lazily while they stream into COPY.
 */

/** Real-ish [districts, assembly constituencies] of the 28 states and 8 UTs (2024 order of magnitude). */
const STATE_WEIGHTS: ReadonlyArray<readonly [number, number]> = [
  [75, 403], [55, 230], [38, 243], [36, 288], [50, 200], [38, 234], [31, 224], [33, 182], [30, 147],
  [26, 175], [33, 119], [23, 294], [35, 126], [33, 90], [24, 81], [22, 90], [23, 117], [14, 140],
  [26, 60], [13, 70], [12, 68], [20, 90], [16, 60], [12, 60], [11, 40], [16, 60], [8, 60], [6, 32],
  [2, 40], [11, 70], [4, 30], [2, 4], [1, 4], [3, 6], [1, 2], [3, 6],
];

const NATIONAL_DISTRICTS = 767;
const NATIONAL_ACS = 4123;
const NATIONAL_POLLING_STATIONS = 1_050_000;
/** Units of each kind per polling station: 10.5 lakh PS x 3 kinds x 1.75 = 55 lakh units. */
const UNITS_PER_PS_PER_KIND = 1.75;

export interface NationalOptions {
  readonly seed: string;
  readonly districts?: number;
  readonly psPerDistrict?: number;
}

export interface PlannedState {
  readonly index: number;
  readonly code: string;
  readonly name: string;
}

export interface PlannedAc {
  readonly number: number;
  readonly pcNumber: number;
  readonly psCount: number;
}

/** One lot of consecutive serials: one consignment, one RECEIPT log entry. */
export interface PlannedLot {
  readonly kind: UnitKind;
  readonly maker: Maker;
  readonly model: Model;
  readonly year: number;
  readonly firstCounter: number;
  readonly size: number;
}

export interface PlannedDistrict {
  readonly index: number;
  readonly stateIndex: number;
  readonly code: string;
  readonly name: string;
  readonly tag: string;
  readonly origin: string;
  readonly lat: number;
  readonly lon: number;
  readonly acs: readonly PlannedAc[];
  readonly psCount: number;
  readonly lots: readonly PlannedLot[];
}

export interface NationalPlan {
  readonly seed: string;
  readonly states: readonly PlannedState[];
  readonly districts: readonly PlannedDistrict[];
  /** PCs per state index: numbered 1..n. */
  readonly pcsPerState: readonly number[];
  readonly totals: { readonly acs: number; readonly pollingStations: number; readonly units: number; readonly lots: number };
}

/** Splits `total` into integer parts proportional to `weights` (largest remainder), each >= `min`. */
function apportion(total: number, weights: readonly number[], min = 0): number[] {
  const spare = total - min * weights.length;
  if (spare < 0) throw new Error(`Cannot give ${weights.length} parts at least ${min} each out of ${total}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum === 0 ? 0 : (spare * w) / sum));
  const parts = exact.map((x) => min + Math.floor(x));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left--;
  }
  return parts;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Serial of a national unit: the demo scheme with a 7-digit counter (BUB30001234). */
export function nationalSerial(lot: PlannedLot, offset: number): string {
  return formatSerial(lot.kind, lot.maker, lot.model, lot.firstCounter + offset, 7);
}

function planLots(psCount: number, counters: Map<string, number>, rng: Prng): PlannedLot[] {
  const lots: PlannedLot[] = [];
  for (const kind of UNIT_KINDS) {
    for (let left = Math.round(psCount * UNITS_PER_PS_PER_KIND); left > 0; left -= LOT_SIZE) {
      const maker: Maker = rng.chance(0.6) ? 'BEL' : 'ECIL';
      const model: Model = rng.chance(0.9) ? 'M3' : 'M2';
      const year = model === 'M3' ? rng.int(2017, 2024) : rng.int(2006, 2010);
      const size = Math.min(LOT_SIZE, left);
      const key = `${kind}${maker}${model}`;
      const firstCounter = counters.get(key) ?? 1;
      counters.set(key, firstCounter + size);
      lots.push({ kind, maker, model, year, firstCounter, size });
    }
  }
  return rng.shuffle(lots);
}

export function planNational(options: NationalOptions): NationalPlan {
  const districtCount = options.districts ?? NATIONAL_DISTRICTS;
  const psPerDistrict = options.psPerDistrict ?? Math.round(NATIONAL_POLLING_STATIONS / NATIONAL_DISTRICTS);
  const acTotal = Math.max(districtCount, Math.round((districtCount * NATIONAL_ACS) / NATIONAL_DISTRICTS));
  const rng = new Prng(`evmtrail-national|${options.seed}`);
  const states = STATE_WEIGHTS.map((_, i) => ({ index: i, code: `S${pad(i + 1, 2)}`, name: `State ${pad(i + 1, 2)}` }));
  const districtsPerState = apportion(districtCount, STATE_WEIGHTS.map(([d]) => d));
  const acsPerState = apportion(acTotal, STATE_WEIGHTS.map(([d, a], i) => ((districtsPerState[i] ?? 0) > 0 ? a * (districtsPerState[i] ?? 0) / d : 0)));
  const counters = new Map<string, number>();
  const districts: PlannedDistrict[] = [];
  const pcsPerState: number[] = [];
  states.forEach((state, s) => {
    const nd = districtsPerState[s] ?? 0;
    const stateAcs = Math.max(acsPerState[s] ?? 0, nd);
    const pcs = Math.max(nd > 0 ? 1 : 0, Math.round(stateAcs / 7.6));
    pcsPerState.push(pcs);
    const acsPerDistrict = apportion(stateAcs, Array.from({ length: nd }, () => rng.range(0.6, 1.4)), 1);
    let acNumber = 0;
    for (let d = 0; d < nd; d++) {
      const tag = `${state.code}-D${pad(d + 1, 3)}`;
      const acCount = acsPerDistrict[d] ?? 1;
      const psPerAc = apportion(psPerDistrict, Array.from({ length: acCount }, () => rng.range(0.8, 1.2)), 1);
      const acs = psPerAc.map((psCount) => {
        acNumber++;
        return { number: acNumber, pcNumber: Math.min(pcs, Math.floor(((acNumber - 1) * pcs) / stateAcs) + 1), psCount };
      });
      districts.push({
        index: districts.length, stateIndex: s, code: tag, tag,
        name: `District ${pad(s + 1, 2)}-${pad(d + 1, 2)}`,
        origin: `evmtrail.example/${state.code}/D${pad(d + 1, 3)}`,
        lat: Math.round(rng.range(9, 33) * 1e4) / 1e4,
        lon: Math.round(rng.range(70, 94) * 1e4) / 1e4,
        acs, psCount: psPerDistrict,
        lots: planLots(psPerDistrict, counters, rng.fork(tag)),
      });
    }
  });
  const lots = districts.reduce((n, d) => n + d.lots.length, 0);
  const units = districts.reduce((n, d) => n + d.lots.reduce((m, l) => m + l.size, 0), 0);
  return {
    seed: options.seed, states, districts, pcsPerState,
    totals: { acs: districts.reduce((n, d) => n + d.acs.length, 0), pollingStations: districtCount * psPerDistrict, units, lots },
  };
}
