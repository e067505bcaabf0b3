/** Bugs throw. Use these for invariants that the types cannot express. */
export function assert(condition: unknown, message = 'Assertion failed'): asserts condition {
  if (!condition) throw new Error(message);
}

export function assertDefined<T>(value: T | null | undefined, message = 'Expected a value'): T {
  if (value === null || value === undefined) throw new Error(message);
  return value;
}

export function assertNever(value: never, message = 'Unexpected value'): never {
  throw new Error(`${message}: ${JSON.stringify(value)}`);
}
