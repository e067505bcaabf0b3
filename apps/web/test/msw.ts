import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';

/** The tests' api base: same origin as the happy-dom page (vitest.config.ts). */
export const API = 'http://localhost/trpc';

const STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
} as const;
const JSON_RPC = {
  BAD_REQUEST: -32600,
  UNAUTHORIZED: -32001,
  FORBIDDEN: -32003,
  NOT_FOUND: -32004,
  CONFLICT: -32009,
  PRECONDITION_FAILED: -32012,
  TOO_MANY_REQUESTS: -32029,
  SERVICE_UNAVAILABLE: -32053,
} as const;

type Code = keyof typeof STATUS;

/** The api's wire contract for expected failures (packages/shared wire-errors.ts). */
export interface DomainErrorBody {
  readonly type: string;
  readonly message: string;
  readonly params: Record<string, string | number>;
}

/** Throw this from a handler to answer with a tRPC error, with the api's `domainError` if given. */
export class TrpcFailure extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly domainError: DomainErrorBody | null = null,
  ) {
    super(message);
  }
}

export type Procedures = Record<string, (input: unknown) => unknown>;

export interface Call {
  readonly path: string;
  readonly input: unknown;
}

/** Every procedure call the mocked api received, in order. */
export const calls: Call[] = [];

function answer(path: string, input: unknown, procedures: Procedures) {
  calls.push({ path, input });
  const handler = procedures[path];
  try {
    if (!handler) throw new TrpcFailure('NOT_FOUND', `No procedure on path "${path}"`);
    return { status: 200, body: { result: { data: handler(input) } } };
  } catch (e) {
    if (!(e instanceof TrpcFailure)) throw e;
    const data = { code: e.code, httpStatus: STATUS[e.code], path, domainError: e.domainError, zodError: null };
    return { status: STATUS[e.code], body: { error: { message: e.message, code: JSON_RPC[e.code], data } } };
  }
}

/**
 * Handlers speaking tRPC's httpBatchLink wire format (no transformer):
 * GET or POST `/trpc/a,b?batch=1` with inputs `{"0":…,"1":…}` -> `[{result:{data}}, …]`.
 */
export function trpcHandlers(procedures: Procedures) {
  function handle(paths: string, inputs: Record<string, unknown>) {
    const results = paths.split(',').map((path, i) => answer(path, inputs[String(i)], procedures));
    const statuses = new Set(results.map((r) => r.status));
    const status = statuses.size === 1 ? results[0]?.status : 207;
    return HttpResponse.json(
      results.map((r) => r.body),
      { status },
    );
  }
  return [
    http.get(`${API}/:paths`, ({ request, params }) => {
      const raw = new URL(request.url).searchParams.get('input');
      return handle(String(params.paths), raw ? (JSON.parse(raw) as Record<string, unknown>) : {});
    }),
    http.post(`${API}/:paths`, async ({ request, params }) => {
      const text = await request.text();
      return handle(String(params.paths), text ? (JSON.parse(text) as Record<string, unknown>) : {});
    }),
  ];
}

export const server = setupServer();

/** Replaces the mocked api with these procedures for the current test. */
export function mockApi(procedures: Procedures): void {
  server.use(...trpcHandlers(procedures));
}
