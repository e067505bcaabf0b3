/**
 * FOR THE LEAD: the smallest local types for api fields being built in parallel (issue 5).
 * When `AppRouter` has them, replace these with `RouterInputs`/`RouterOutputs` and the typed
 * `useTRPC()` proxy, and delete this file. Nothing else in the web app may type these by hand.
 *
 * - `unit.list` input adds `sort` and `dir`, output adds `total`.
 * - `location.byId({ districtId, locationId })` returns the location and its unit counts.
 */
import type { UnitKind, UnitState } from '@evmtrail/shared';
import type { SortDir, UnitSort } from '../app/search';
import type { ApiClient, RouterInputs, RouterOutputs } from './trpc';

export type UnitListInput = RouterInputs['unit']['list'] & { sort?: UnitSort; dir?: SortDir };
export type UnitListOutput = RouterOutputs['unit']['list'] & { total?: number };
export type UnitRow = UnitListOutput['items'][number];

export interface LocationDetail {
  readonly id: number;
  readonly name: string;
  readonly kind: string;
  readonly acNumber: number | null;
  readonly acName: string | null;
  readonly parentName: string | null;
  readonly counts: readonly { readonly kind: UnitKind; readonly state: UnitState; readonly count: number }[];
}

export interface LocationByIdInput {
  readonly districtId: number;
  readonly locationId: number;
}

interface PendingClient {
  readonly unit: { readonly list: { query: (input: UnitListInput) => Promise<UnitListOutput> } };
  readonly location: { readonly byId: { query: (input: LocationByIdInput) => Promise<LocationDetail> } };
}

/** The same tRPC client, seen with the fields above. The wire calls are identical. */
export function pendingClient(client: ApiClient): PendingClient {
  return client as unknown as PendingClient;
}

/** Query keys in the shape `@trpc/tanstack-react-query` uses, so invalidation by path works. */
export function pendingQueryKey(path: readonly string[], input: unknown) {
  return [path, { input, type: 'query' }] as const;
}
