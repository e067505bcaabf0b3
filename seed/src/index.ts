/** @evmtrail/seed: the deterministic demo and national data generators. */
export { formatLoginTable, type LoginRow } from './login-table.ts';
export { Prng } from './lib/prng.ts';
export { DEFAULT_SEED, demoLogins, generateDemoDistrict } from './demo/generate.ts';
export type { DemoDistrict } from './demo/types.ts';
export { isSeeded, seedDemo, type SeedDemoOptions, type SeedReport } from './demo/write.ts';
export { seedNational, type NationalReport, type NationalSeedOptions } from './national/write.ts';
