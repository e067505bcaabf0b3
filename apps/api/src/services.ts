/** Service functions for the seed and bench packages (never routers). */
export { ensureDistrictLog, signCheckpoint, appendEntries, exportBundle, serverDevice, type LogEntryDraft } from './modules/custody/log.service.ts';
export { formatIstTimestamp } from './modules/custody/time.ts';
export { applyUnitEvent, type Actor, type UnitEventInput, type UnitServiceError } from './modules/units/unit.service.ts';
export { hashPassword } from './modules/auth/password.ts';
export { applyUnitEvents, MAX_BATCH_UNITS } from './modules/units/unit-batch.service.ts';
export {
  copyLogEntries, copyLogHeads, copyLogUnitRefs, type BulkDistrictLog, type BulkValue, type CopyInto,
} from './modules/custody/log-bulk.repository.ts';
export { currentKeyStore, fileKeyStore, keyDirFor, memoryKeyStore, useKeyStore, type KeyStore } from './modules/custody/key-store.ts';
export { moveKeysOutOfDatabase } from './modules/custody/key-migration.repository.ts';
export { acceptManifest, createReceipt, uploadManifestChunk, validateManifest } from './modules/receipts/receipt.service.ts';
export { completeReceipt, reportOutstandingMissing, resolveIssue } from './modules/receipts/receipt-close.service.ts';
export { recordScan } from './modules/scans/scan.service.ts';
export { closeStrongroom, openStrongroom, setKeyHolders } from './modules/strongrooms/strongroom.service.ts';
export { createSignInLimiter } from './modules/auth/auth.service.ts';
export type { DistrictPlace } from './modules/authority/authority.service.ts';
export { createFlcCampaign, istDay, recordAttendance, recordFlcResults, startFlcCampaign, startUnitsFlc, type FlcUnitResult } from './modules/flc/flc.service.ts';
export { flcEligibleUnits } from './modules/flc/flc-eligibility.ts';
export { recordMockpollResult, recordMockpollResults } from './modules/flc/flc-mockpoll.service.ts';
export { sampleView } from './modules/flc/flc-sample.ts';
export {
  approveConsignment, completeConsignment, consignmentDetail, createConsignment, dispatchConsignment, pickableUnits, pickUnits, prepareAcConsignments,
  receiveScannedLoad, reportShortfall, resolveConsignmentIssue, type CreateConsignmentInput,
} from './modules/consignments/consignment.service.ts';
export { abandonCeremony, computeAllocation, createCeremony, enterDice, finaliseCeremony, openReveal, registerCommitment } from './modules/ceremonies/ceremony.service.ts';
export {
  buildSets, commissionReserves, commissionSet, createRoute, drawSample, issueReserves, issueSet, setCandidates, type CommissionParams,
} from './modules/sets/sets.service.ts';
export { closePoll, recordMockPoll, replaceUnits, startPoll, stationPollView } from './modules/pollday/pollday.service.ts';
