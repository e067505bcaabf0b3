/** Service functions for the seed and bench packages (never routers). */
export { ensureDistrictLog, signCheckpoint, appendEntries, exportBundle, type LogEntryDraft } from './modules/custody/log.service.ts';
export { applyUnitEvent, type Actor, type UnitEventInput, type UnitServiceError } from './modules/units/unit.service.ts';
export { hashPassword } from './modules/auth/password.ts';
