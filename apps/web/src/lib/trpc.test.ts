import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { errorCode, errorMessage } from './trpc';

function clientError(message: string, data: Record<string, unknown>) {
  return TRPCClientError.from({ error: { message, code: -32600, data } });
}

describe('errorMessage', () => {
  it("keeps the server's own message", () => {
    const e = clientError('Unit BU-1 not found', { code: 'NOT_FOUND', httpStatus: 404 });
    expect(errorMessage(e)).toBe('Unit BU-1 not found');
    expect(errorCode(e)).toBe('NOT_FOUND');
  });

  it('turns a rejected input into its readable messages', () => {
    const issues = JSON.stringify([{ code: 'invalid_format', path: ['serial'], message: "Unit serial 'A B' is not valid" }], null, 2);
    const flat = { formErrors: [], fieldErrors: { serial: ["Unit serial 'A B' is not valid"] } };
    expect(errorMessage(clientError(issues, { code: 'BAD_REQUEST', zodError: flat }))).toBe("Unit serial 'A B' is not valid");
    expect(errorMessage(clientError(issues, { code: 'BAD_REQUEST' }))).toBe("Unit serial 'A B' is not valid");
  });

  it('copes with plain errors and non-errors', () => {
    expect(errorMessage(new Error('[not json'))).toBe('[not json');
    expect(errorMessage('boom')).toBe('boom');
    expect(errorCode(new Error('x'))).toBeUndefined();
  });
});
