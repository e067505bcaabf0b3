export * from './arbitraries.ts';
export * from './builders.ts';
export * from './log-builder.ts';
export * from './log-bundle.ts';
export * from './rand-arbitraries.ts';
