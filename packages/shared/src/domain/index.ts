export * from './lifecycle.ts';
export * from './permissions.ts';
export * from './roles.ts';
export * from './rules.ts';
export * from './units.ts';
export * from './wire-errors.ts';
export * from './manifest.ts';
export * from './strongroom.ts';
