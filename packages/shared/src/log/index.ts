/** EVMLOG/1 tamper-evident custody log: public API. */
export * from './bytes.ts';
export * from './canonical.ts';
export * from './merkle.ts';
export * from './verify.ts';
export * from './note.ts';
export * from './entry.ts';
export * from './device-chain.ts';
export * from './bundle.ts';
export * from './time.ts';
export * from './builder.ts';
export * from './signing.ts';
export * from './bundle-faults.ts';
export * from './fork.ts';
