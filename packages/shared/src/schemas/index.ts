export * from './auth.ts';
export * from './common.ts';
export * from './dashboard.ts';
export * from './location.ts';
export * from './log.ts';
export * from './unit.ts';
export * from './scan.ts';
export * from './receipt.ts';
