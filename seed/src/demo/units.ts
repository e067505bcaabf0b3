import { UNIT_KINDS, type Maker, type Model, type UnitKind } from '@evmtrail/shared';

import type { Prng } from '../lib/prng.ts';
import type { DistrictSpec } from './place-types.ts';
import { plantOf, vehicleSite } from './sites.ts';
import type { ConsignmentRow, LocationRow, UnitRow } from './types.ts';

/*
 * Units and their consignments.
 *
 * Serial scheme (synthetic, documented in seed/README.md):
 *   <kind prefix><maker letter><model digit><6-digit counter>
 *   kind prefix BU | CU | VV, maker letter B (BEL) | E (ECIL), model digit 2 | 3
 *   e.g. BUB3000123, CUE3004567, VVB2001234
 * Counters run per (kind, maker, model) from a seeded base, so serials are unique per kind
 * nationally (the second demo district continues the same counters).
 *
 * Units are made in lots of up to LOT_SIZE of one kind, maker, model and year; one lot
 * ships as one consignment.
 */

export const LOT_SIZE = 100;
export const UNITS_PER_PS_MIN = 1.2;
export const UNITS_PER_PS_MAX = 1.4;
const SHARE_BEL = 0.6;
const SHARE_M3 = 0.9;

const KIND_PREFIX: Readonly<Record<UnitKind, string>> = { BU: 'BU', CU: 'CU', VVPAT: 'VV' };
const MAKER_LETTER: Readonly<Record<Maker, string>> = { BEL: 'B', ECIL: 'E' };

/** Manufacturing years: M3 from 2017 (VVPAT from 2018), M2 EVMs 2006–2010, M2 VVPATs 2013–2016. */
function yearFor(kind: UnitKind, model: Model, rng: Prng): number {
  if (model === 'M3') return rng.int(kind === 'VVPAT' ? 2018 : 2017, 2024);
  return kind === 'VVPAT' ? rng.int(2013, 2016) : rng.int(2006, 2010);
}

/** A serial in the scheme above; the national data set uses `digits` = 7. */
export function formatSerial(kind: UnitKind, maker: Maker, model: Model, counter: number, digits = 6): string {
  return `${KIND_PREFIX[kind]}${MAKER_LETTER[maker]}${model.slice(1)}${String(counter).padStart(digits, '0')}`;
}

/** Per (kind, maker, model) serial counters, shared by every district of one generation. */
export class SerialCounters {
  private readonly next = new Map<string, number>();
  constructor(private readonly rng: Prng) {}

  take(kind: UnitKind, maker: Maker, model: Model): number {
    const key = `${kind}${maker}${model}`;
    const value = this.next.get(key) ?? this.rng.fork(key).int(1, 300) * 1000 + 1;
    this.next.set(key, value + 1);
    return value;
  }
}

interface Lot {
  readonly kind: UnitKind;
  readonly maker: Maker;
  readonly model: Model;
  readonly year: number;
  readonly serials: string[];
}

/** How many units of each kind a district with `psCount` polling stations holds. */
export function unitCounts(psCount: number, rng: Prng): Record<UnitKind, number> {
  const count = (kind: UnitKind): number =>
    Math.round(psCount * rng.fork(kind).range(UNITS_PER_PS_MIN + 0.01, UNITS_PER_PS_MAX - 0.01));
  return { BU: count('BU'), CU: count('CU'), VVPAT: count('VVPAT') };
}

function makeLots(counts: Record<UnitKind, number>, counters: SerialCounters, rng: Prng): Lot[] {
  const lots: Lot[] = [];
  for (const kind of UNIT_KINDS) {
    for (let left = counts[kind]; left > 0; left -= LOT_SIZE) {
      const maker: Maker = rng.chance(SHARE_BEL) ? 'BEL' : 'ECIL';
      const model: Model = rng.chance(SHARE_M3) ? 'M3' : 'M2';
      const year = yearFor(kind, model, rng);
      const size = Math.min(LOT_SIZE, left);
      const serials = Array.from({ length: size }, () => formatSerial(kind, maker, model, counters.take(kind, maker, model)));
      lots.push({ kind, maker, model, year, serials });
    }
  }
  return lots;
}

/** A 4-digit truck number not yet used in this district. */
function freshRegistration(used: Set<string>, rng: Prng): string {
  for (;;) {
    const registration = String(rng.int(1000, 9999));
    if (!used.has(registration)) {
      used.add(registration);
      return registration;
    }
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

export interface UnitsAndConsignments {
  readonly units: UnitRow[];
  readonly consignments: ConsignmentRow[];
  readonly vehicles: LocationRow[];
}

/**
 * Units of one district, shipped in consignments from the plant to the district's main
 * warehouse, dispatched in ascending order from `firstDispatch` (three trucks a day).
 */
export function generateUnits(input: {
  district: DistrictSpec;
  psCount: number;
  counters: SerialCounters;
  ownerBodyCode: string;
  firstDispatch: Date;
  rng: Prng;
}): UnitsAndConsignments {
  const { district, rng } = input;
  const warehouse = district.warehouses[0];
  if (!warehouse) throw new Error(`District ${district.code} has no warehouse`);
  const lots = rng.shuffle(makeLots(unitCounts(input.psCount, rng.fork('counts')), input.counters, rng.fork('lots')));
  const units: UnitRow[] = [];
  const consignments: ConsignmentRow[] = [];
  const vehicles: LocationRow[] = [];
  const registrations = new Set<string>();
  lots.forEach((lot, i) => {
    const plant = plantOf(lot.maker);
    for (const serial of lot.serials) {
      units.push({
        districtCode: district.code, serial, kind: lot.kind, maker: lot.maker, model: lot.model,
        year: lot.year, ownerBodyCode: input.ownerBodyCode, locationCode: plant.code,
      });
    }
    const registration = freshRegistration(registrations, rng);
    const vehicle = vehicleSite(district, registration, plant.lat, plant.lon);
    vehicles.push(vehicle);
    const dispatchedAt = new Date(input.firstDispatch.getTime() + Math.floor(i / 3) * DAY_MS + (i % 3) * 2 * HOUR_MS);
    const transitDays = lot.maker === 'BEL' ? 2 : 1;
    consignments.push({
      districtCode: district.code,
      code: `CON-${district.tag}-2026-${String(i + 1).padStart(4, '0')}`,
      maker: lot.maker,
      fromLocationCode: plant.code,
      vehicleCode: vehicle.code,
      toLocationCode: warehouse.code,
      dispatchedAt: dispatchedAt.toISOString(),
      receivedAt: new Date(dispatchedAt.getTime() + transitDays * DAY_MS + 6 * HOUR_MS).toISOString(),
      serials: lot.serials,
    });
  });
  return { units, consignments, vehicles };
}
