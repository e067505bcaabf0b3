/** The seed package's entry points as the bench uses them. */
export { seedDemo, seedNational, type NationalReport, type SeedReport } from '@evmtrail/seed';
