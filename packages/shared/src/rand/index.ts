/** EVMRAND/1 verifiable randomisation (specs/evmrand-v1.md): public API. */
export * from './errors.ts';
export * from './ticket.ts';
export { orderByTicket, type Ordering } from './order.ts';
export * from './sampler.ts';
export * from './csv.ts';
export * from './demand.ts';
export * from './seed.ts';
export * from './seed-parse.ts';
export * from './allocate.ts';
export * from './bundle.ts';
export * from './party-list.ts';
