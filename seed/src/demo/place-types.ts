/** Hand-written geography of a demo district (real names, approximate figures). */

import type { DistrictRow } from './types.ts';

export interface Locality {
  readonly name: string;
  readonly nameHi: string;
}

/** Who runs the schools and halls that house polling stations in an AC. */
export type CivicBody = 'zp' | 'pmc' | 'pcmc' | 'cantonment' | 'mcgm';

export interface AcSpec {
  readonly number: number;
  readonly name: string;
  readonly nameHi: string;
  readonly reservation: 'GEN' | 'SC' | 'ST';
  readonly pcNumber: number;
  /** Centre of the AC's main town or area. */
  readonly lat: number;
  readonly lon: number;
  /** Polling stations scatter within this radius of the centre. */
  readonly radiusKm: number;
  /** Approximate electors (round figure, not an official roll count). */
  readonly electors: number;
  readonly civicBody: CivicBody;
  /** A few localities; the first is the main town and gets the most polling stations. */
  readonly localities: readonly Locality[];
}

export interface PcSpec {
  readonly number: number;
  readonly name: string;
  readonly nameHi: string;
}

export interface SiteSpec {
  readonly code: string;
  readonly name: string;
  readonly nameHi: string;
  readonly lat: number;
  readonly lon: number;
}

export interface DistrictSpec extends DistrictRow {
  /** Short tag used in location codes ('PUNE' -> 'WH-PUNE-01'). */
  readonly tag: string;
  /** RTO prefix for consignment trucks ('MH12'). */
  readonly rto: string;
  /** Bounding box every polling station must fall in. */
  readonly box: { readonly minLat: number; readonly maxLat: number; readonly minLon: number; readonly maxLon: number };
  readonly pcs: readonly PcSpec[];
  readonly acs: readonly AcSpec[];
  readonly warehouses: readonly SiteSpec[];
}
