export * from './arbitraries.ts';
export * from './builders.ts';
