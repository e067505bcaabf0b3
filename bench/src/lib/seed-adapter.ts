/** The seed package's entry points as the bench uses them. */
export { Prng, seedDemo, seedNational, type NationalReport, type SeedReport } from '@evmtrail/seed';
