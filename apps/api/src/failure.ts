import type { DomainErrorType, WireErrorParams } from '@evmtrail/shared';

/**
 * An expected failure as the services return it: a type of the wire contract, the English
 * sentence and the names a person knows. Each module narrows `T` to its own union.
 */
export interface Failure<T extends DomainErrorType = DomainErrorType> {
  readonly type: T;
  readonly message: string;
  readonly params: WireErrorParams;
}

export function failure<T extends DomainErrorType>(type: T, message: string, params: WireErrorParams = {}): Failure<T> {
  return { type, message, params };
}

/** Thrown inside a transaction to roll it back; carries the failure out (see `rollbackTo`). */
export class Rollback extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}
