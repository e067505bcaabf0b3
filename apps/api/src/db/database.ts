import type { ColumnType, Generated } from 'kysely';

/*
 * Kysely's view of the schema (migrations/2026-11-22T2300_foundation.ts and later), camelCased by
 * CamelCasePlugin. Written by hand; keep it in step with the migrations.
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database fills in when the insert leaves it out. */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Bytes = Uint8Array;
type Json = ColumnType<unknown, string, string>;

export interface StatesTable { id: Generated<number>; code: string; name: string; nameHi: string | null }
export interface ElectionBodiesTable {
  id: Generated<number>; code: string; name: string; kind: 'eci' | 'sec' | 'foreign'; stateId: number | null;
}
export interface DistrictsTable {
  id: Generated<number>; stateId: number; code: string; name: string; nameHi: string | null;
  lat: number | null; lon: number | null; logOrigin: string;
}
export interface PcsTable { id: Generated<number>; stateId: number; number: number; name: string; nameHi: string | null }
export interface AcsTable {
  id: Generated<number>; stateId: number; districtId: number; pcId: number | null;
  number: number; name: string; nameHi: string | null;
}
export interface UnitModelsTable { code: string; candidatesPerBu: number; maxBuPerCu: number; maxVotesPerCu: number }
export interface ElectionsTable {
  id: Generated<number>; bodyId: number; code: string; name: string; kind: string; stateId: number | null;
  rules: Json; flcCycle: Generated<number>; status: Generated<string>; createdAt: DefaultTimestamp;
}
export interface LocationsTable {
  districtId: number; id: Generated<number>; code: string; kind: string; strongroomType: string | null;
  name: string; nameHi: string | null; acId: number | null; parentId: number | null;
  lat: number | null; lon: number | null; psNumber: number | null; electors: number | null;
  sealed: Generated<boolean>;
}
export interface UnitsTable {
  districtId: number; serial: string; kind: string; maker: string; model: string; year: number;
  ownerBodyId: number; state: string; previousState: string | null; locationId: number;
  hold: Generated<string>; holdRef: string | null; flcCycle: number | null; isTraining: Generated<boolean>;
  updatedAt: Timestamp; version: Generated<number>;
  /** The AC the unit is allocated to; kept while it stands at a district-level place. */
  acId: number | null;
}
export interface UsersTable {
  id: Generated<number>; username: string; displayName: string; role: string;
  jurisdictionLevel: string; stateId: number | null; districtId: number | null; acId: number | null;
  passwordHash: string; active: Generated<boolean>; createdAt: DefaultTimestamp;
}
export interface SessionsTable {
  tokenHash: string; userId: number; createdAt: Timestamp; expiresAt: Timestamp; lastSeenAt: Timestamp;
}
export interface DistrictLogsTable {
  districtId: number; origin: string; size: number; rootHash: Bytes; updatedAt: Timestamp;
  unverifiedReason: Generated<string | null>; unverifiedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}
export interface DistrictKeysTable {
  districtId: number; keyId: string; keyName: string; vkey: string;
  active: Generated<boolean>; createdAt: DefaultTimestamp;
}
export interface LogEntriesTable {
  districtId: number; idx: number; entry: string; leafHash: Bytes; type: string; event: string | null;
  ts: Timestamp; actor: string; dev: string; devSeq: number;
}
export interface LogNodesTable { districtId: number; level: number; idx: number; hash: Bytes }
export interface LogUnitRefsTable { districtId: number; serial: string; idx: number }
export interface LogCheckpointsTable {
  districtId: number; treeSize: number; rootHash: Bytes; note: string; keyId: string; createdAt: Timestamp;
  compactRange: Generated<Bytes | null>;
}
export interface LogCosignaturesTable {
  districtId: number; treeSize: number; witnessName: string; witnessVkey: string;
  signatureLine: string; createdAt: Timestamp;
}
export interface StrongroomKeysTable {
  districtId: number; locationId: number; firstHolderId: number; secondHolderId: number;
  updatedAt: Timestamp; updatedBy: number | null;
}
export interface StrongroomSessionsTable {
  districtId: number; id: Generated<number>; locationId: number; status: 'open' | 'closed';
  openedAt: Timestamp; openedBy: number; secondKeyHolderId: number;
  sealsBroken: Json; sealNote: string | null; witnesses: Json; openLogIdx: number;
  closedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  closedBy: number | null; sealsApplied: Json | null; closeWitnesses: Json | null; closeLogIdx: number | null;
}
export interface DeviceHeadsTable { districtId: number; dev: string; seq: number; lastLeafHash: Bytes }

export interface ReceiptsTable {
  districtId: number; id: Generated<number>; maker: string; orderRef: string; destinationId: number;
  status: Generated<string>; uploadedLines: Generated<number>;
  expectedCount: Generated<number>; receivedCount: Generated<number>; missingCount: Generated<number>;
  orphanCount: Generated<number>; rejectedCount: Generated<number>;
  createdBy: number; createdAt: Timestamp;
  acceptedBy: number | null; acceptedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  completedBy: number | null; completedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}
export interface ManifestUploadsTable { districtId: number; receiptId: number; line: number; text: string }
export interface ReceiptLinesTable {
  districtId: number; receiptId: number; line: number; serial: string; kind: string; model: string; year: number;
  status: Generated<string>;
  receivedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>; receivedBy: number | null;
}
export interface ReceiptIssuesTable {
  districtId: number; receiptId: number; kind: string; serial: string; line: number | null; detail: string;
  createdAt: Timestamp; resolution: string | null; resolutionNote: string | null; resolvedBy: number | null;
  resolvedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  unitKind: string | null; unitModel: string | null; unitYear: number | null;
}
export interface ScansTable {
  districtId: number; key: string; taskKind: string; taskId: number; serial: string; outcome: string | null;
  via: string; note: string | null; scannedAt: Timestamp; recordedAt: Timestamp; userId: number; result: ColumnType<unknown, string | null, string | null>;
}

export interface StocktakesTable {
  districtId: number; id: Generated<number>; locationId: number; status: Generated<string>;
  startedBy: number; startedAt: Timestamp;
  closedBy: number | null; closedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  expectedCount: Generated<number>; foundCount: Generated<number>; missingCount: Generated<number>;
  unexpectedCount: Generated<number>; elsewhereCount: Generated<number>; duplicateCount: Generated<number>;
  note: string | null;
}
export interface StocktakeLinesTable {
  districtId: number; stocktakeId: number; serial: string; expected: boolean; outcome: string | null;
  recordedLocation: string | null;
  scannedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>; scannedBy: number | null;
}
export interface ConsignmentsTable {
  id: Generated<number>; code: string; kind: string; districtId: number; fromLocationId: number;
  toDistrictId: number; toLocationId: number; reference: string | null; status: Generated<string>;
  acId: ColumnType<number | null, number | null | undefined, number | null>; ceremonyId: ColumnType<number | null, number | null | undefined, number | null>;
  approvalRole: string | null; approvedBy: number | null; approvedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  vehicleLocationId: number | null; toVehicleLocationId: number | null;
  vehicleNumber: string | null; driver: string | null; escort: string | null; seals: string | null;
  dispatchedBy: number | null; dispatchedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>; dispatchIdx: number | null;
  arrivedIdx: number | null;
  completedBy: number | null; completedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  createdBy: number; createdAt: Timestamp;
}
export interface ConsignmentUnitsTable {
  consignmentId: number; serial: string; status: Generated<string>; loadedBy: number | null; loadedAt: Timestamp; dispatchIdx: number | null;
  receivedBy: number | null; receivedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}
export interface ConsignmentIssuesTable {
  consignmentId: number; serial: string; kind: string; detail: string; createdAt: Timestamp;
  resolution: string | null; resolutionNote: string | null; resolvedBy: number | null;
  resolvedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface FlcCampaignsTable {
  districtId: number; id: Generated<number>; electionId: number; hallLocationId: number; status: Generated<string>;
  startsOn: string; endsOn: string; supervisorName: string; noticeDate: string;
  parties: ColumnType<unknown, string, string>;
  createdBy: number; createdAt: Timestamp;
  startedBy: number | null; startedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  closedBy: number | null; closedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}
export interface FlcResultsTable {
  districtId: number; campaignId: number; serial: string; attempt: number; kind: string; flcCycle: number;
  result: string; pinkSeal: string | null; faultCode: string | null; note: string | null;
  recordedBy: number; recordedAt: Timestamp;
}
export interface FlcAttendanceTable {
  districtId: number; campaignId: number; id: Generated<number>; day: string; name: string; role: string;
  affiliation: string | null; recordedBy: number; recordedAt: Timestamp;
  timeIn: string | null; timeOut: string | null;
}
export interface FlcMockpollResultsTable {
  districtId: number; campaignId: number; ceremonyId: number; serial: string; tier: string;
  votesCast: number; cuTotal: number; slips: number; status: string; recordedBy: number; recordedAt: Timestamp;
}

type Ts = ColumnType<Date, Date | string, Date | string>;
type TsNull = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
export interface CeremoniesTable {
  districtId: number; id: Generated<number>; code: string; stage: string; acId: number | null;
  electionId: string; scope: string; status: string;
  poolCsv: string; poolHash: string; demandCsv: string; demandHash: string;
  reservePct: ColumnType<unknown, string | null | undefined, string | null>;
  dice: string | null; seed: string | null; allocationCsv: string | null; allocationHash: string | null;
  createdBy: number; createdAt: Ts;
  diceBy: number | null; diceAt: TsNull; allocatedBy: number | null; allocatedAt: TsNull;
  finalisedBy: number | null; finalisedAt: TsNull;
  abandonedBy: number | null; abandonedAt: TsNull; abandonReason: string | null;
  flcCampaignId: number | null;
}
export interface CeremonyPartiesTable {
  districtId: number; ceremonyId: number; party: string; commitment: string; committedBy: number; committedAt: Ts;
  reveal: string | null; revealedBy: number | null; revealedAt: TsNull;
}
export interface CeremonyUnitsTable {
  districtId: number; ceremonyId: number; kind: string; serial: string; target: string; reserve: boolean;
  position: number; ticket: string;
}
export interface CeremonyReplacementsTable {
  districtId: number; ceremonyId: number; id: Generated<number>; kind: string; target: string;
  oldSerial: string; newSerial: string; reason: string; replacedBy: number; replacedAt: Ts;
}

export interface AcCandidatesTable {
  districtId: number; acId: number; candidates: number; busPerStation: number; setBy: number; setAt: Ts;
}
export interface PollingSetsTable {
  districtId: number; id: Generated<number>; acId: number; stationId: number; code: string; ceremonyId: number;
  version: Generated<number>; status: string; builtBy: number; builtAt: Ts;
  commissioning: ColumnType<unknown, string | null | undefined, string | null>; commissionedBy: number | null; commissionedAt: TsNull;
  routeId: number | null; partyId: string | null; issuedBy: number | null; issuedAt: TsNull;
}
export interface PollingSetMembersTable {
  districtId: number; setId: number; serial: string; kind: string; fromVersion: number; toVersion: number | null;
  faultCode: string | null; replacedBy: string | null;
}
export interface PollingSetSealsTable { districtId: number; kind: string; serial: string; setId: number }
export interface SetSamplesTable {
  districtId: number; acId: number; dice: string; seed: string; poolHash: string;
  codes: ColumnType<unknown, string, string>; votes: number; drawnBy: number; drawnAt: Ts;
}
export interface DispatchRoutesTable {
  districtId: number; id: Generated<number>; acId: number; code: string; name: string; vehicleId: string; createdBy: number; createdAt: Ts;
}
export interface DispatchRouteStopsTable { districtId: number; routeId: number; position: number; stationId: number; partyId: string }
export interface SectorOfficersTable {
  districtId: number; id: Generated<number>; acId: number; code: string; officerName: string; vehicleId: string;
  stationIds: ColumnType<unknown, string, string>; serials: ColumnType<unknown, string, string>; issuedBy: number; issuedAt: Ts;
}
export interface PollDayRecordsTable {
  districtId: number; id: Generated<number>; acId: number; stationId: number; setId: number; kind: string;
  record: ColumnType<unknown, string, string>; recordedBy: number; recordedAt: Ts;
}

export interface DB {
  states: StatesTable;
  electionBodies: ElectionBodiesTable;
  districts: DistrictsTable;
  pcs: PcsTable;
  acs: AcsTable;
  unitModels: UnitModelsTable;
  elections: ElectionsTable;
  locations: LocationsTable;
  units: UnitsTable;
  users: UsersTable;
  sessions: SessionsTable;
  districtLogs: DistrictLogsTable;
  districtKeys: DistrictKeysTable;
  logEntries: LogEntriesTable;
  logNodes: LogNodesTable;
  logUnitRefs: LogUnitRefsTable;
  logCheckpoints: LogCheckpointsTable;
  logCosignatures: LogCosignaturesTable;
  deviceHeads: DeviceHeadsTable;
  receipts: ReceiptsTable;
  manifestUploads: ManifestUploadsTable;
  receiptLines: ReceiptLinesTable;
  receiptIssues: ReceiptIssuesTable;
  scans: ScansTable;
  strongroomKeys: StrongroomKeysTable;
  strongroomSessions: StrongroomSessionsTable;
  stocktakes: StocktakesTable;
  stocktakeLines: StocktakeLinesTable;
  flcCampaigns: FlcCampaignsTable;
  flcResults: FlcResultsTable;
  flcAttendance: FlcAttendanceTable;
  flcMockpollResults: FlcMockpollResultsTable;
  consignments: ConsignmentsTable;
  consignmentUnits: ConsignmentUnitsTable;
  consignmentIssues: ConsignmentIssuesTable;
  ceremonies: CeremoniesTable;
  ceremonyParties: CeremonyPartiesTable;
  ceremonyUnits: CeremonyUnitsTable;
  ceremonyReplacements: CeremonyReplacementsTable;
  acCandidates: AcCandidatesTable;
  pollingSets: PollingSetsTable;
  pollingSetMembers: PollingSetMembersTable;
  pollingSetSeals: PollingSetSealsTable;
  setSamples: SetSamplesTable;
  dispatchRoutes: DispatchRoutesTable;
  dispatchRouteStops: DispatchRouteStopsTable;
  sectorOfficers: SectorOfficersTable;
  pollDayRecords: PollDayRecordsTable;
}
