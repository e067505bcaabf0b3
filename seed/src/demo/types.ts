import type { JurisdictionLevel, LocationKind, Maker, Model, Role, StrongroomType, UnitKind } from '@evmtrail/shared';

/*
 * Plain rows produced by the demo generator. Foreign keys are natural keys (state code,
 * district code, AC number, location code); write.ts resolves them to database ids.
 */

export interface StateRow {
  readonly code: string;
  readonly name: string;
  readonly nameHi: string;
}

export interface BodyRow {
  readonly code: string;
  readonly name: string;
  readonly kind: 'eci' | 'sec' | 'foreign';
  readonly stateCode: string | null;
}

export interface UnitModelRow {
  readonly code: Model;
  readonly candidatesPerBu: number;
  readonly maxBuPerCu: number;
  readonly maxVotesPerCu: number;
}

export interface DistrictRow {
  readonly stateCode: string;
  readonly code: string;
  readonly name: string;
  readonly nameHi: string;
  readonly lat: number;
  readonly lon: number;
  readonly logOrigin: string;
}

export interface PcRow {
  readonly stateCode: string;
  readonly number: number;
  readonly name: string;
  readonly nameHi: string;
}

export interface AcRow {
  readonly stateCode: string;
  readonly districtCode: string;
  readonly pcNumber: number;
  readonly number: number;
  readonly name: string;
  readonly nameHi: string;
}

export type { LocationKind, StrongroomType };

export interface LocationRow {
  readonly districtCode: string;
  readonly code: string;
  readonly kind: LocationKind;
  readonly strongroomType: StrongroomType | null;
  readonly name: string;
  readonly nameHi: string;
  /** AC number; resolved to acs.id at write time. */
  readonly acNumber: number | null;
  readonly lat: number;
  readonly lon: number;
  readonly psNumber: number | null;
  readonly electors: number | null;
}

export interface UnitRow {
  readonly districtCode: string;
  readonly serial: string;
  readonly kind: UnitKind;
  readonly maker: Maker;
  readonly model: Model;
  readonly year: number;
  readonly ownerBodyCode: string;
  /** The manufacturer location the unit starts at (state 'manufactured'). */
  readonly locationCode: string;
}

export interface ConsignmentRow {
  readonly districtCode: string;
  readonly code: string;
  readonly maker: Maker;
  readonly fromLocationCode: string;
  readonly vehicleCode: string;
  readonly toLocationCode: string;
  /** Dispatch time (ISO, UTC); receipt is `receivedAt`. */
  readonly dispatchedAt: string;
  readonly receivedAt: string;
  readonly serials: readonly string[];
}

export interface UserRow {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly password: string;
  readonly jurisdictionLevel: JurisdictionLevel;
  readonly stateCode: string | null;
  readonly districtCode: string | null;
  readonly acNumber: number | null;
  /** Human name of the jurisdiction, for the login table ("Pune", "AC 210 Kothrud"). */
  readonly jurisdictionName: string;
}

export interface ElectionRow {
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly bodyCode: string;
  readonly stateCode: string | null;
  readonly rules: unknown;
}

export interface DemoDistrict {
  readonly seed: string;
  readonly states: readonly StateRow[];
  readonly bodies: readonly BodyRow[];
  readonly unitModels: readonly UnitModelRow[];
  readonly districts: readonly DistrictRow[];
  readonly pcs: readonly PcRow[];
  readonly acs: readonly AcRow[];
  readonly locations: readonly LocationRow[];
  readonly units: readonly UnitRow[];
  readonly consignments: readonly ConsignmentRow[];
  readonly users: readonly UserRow[];
  readonly elections: readonly ElectionRow[];
}
