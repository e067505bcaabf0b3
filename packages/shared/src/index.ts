export * from './lib/result.ts';
export * from './lib/assert.ts';
export * from './domain/index.ts';
export * from './schemas/index.ts';
export * from './log/index.ts';
export * from './rand/index.ts';
