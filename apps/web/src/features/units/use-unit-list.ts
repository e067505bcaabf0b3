import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { SortDir, UnitSort } from '../../app/search';
import { useTRPC, useTRPCClient, type RouterInputs, type RouterOutputs } from '../../lib/trpc';

export type UnitListInput = RouterInputs['unit']['list'];
export type UnitRow = RouterOutputs['unit']['list']['items'][number];

export const PAGE_SIZE = 100;

export interface UnitFilters {
  readonly districtId?: number | undefined;
  readonly kind?: UnitListInput['kind'] | undefined;
  readonly state?: UnitListInput['state'] | undefined;
  readonly acId?: number | undefined;
  readonly locationId?: number | undefined;
  readonly serialPrefix?: string | undefined;
  readonly sort?: UnitSort | undefined;
  readonly dir?: SortDir | undefined;
}

/**
 * The api input for these filters: only the fields that are set, and sort/dir only when they
 * differ from the api's default (serial, ascending).
 */
export function unitListInput(f: UnitFilters): UnitListInput {
  const sorted = (f.sort !== undefined && f.sort !== 'serial') || f.dir === 'desc';
  return {
    limit: PAGE_SIZE,
    ...(f.districtId !== undefined && { districtId: f.districtId }),
    ...(f.kind !== undefined && { kind: f.kind }),
    ...(f.state !== undefined && { state: f.state }),
    ...(f.acId !== undefined && { acId: f.acId }),
    ...(f.locationId !== undefined && { locationId: f.locationId }),
    ...(f.serialPrefix !== undefined && f.serialPrefix !== '' && { serialPrefix: f.serialPrefix }),
    ...(sorted && { sort: f.sort ?? 'serial', dir: f.dir ?? 'asc' }),
  };
}

/** `GET /export/units.csv` with the same filters and order as the list on screen. */
export function unitsCsvHref(input: UnitListInput): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(input)) {
    if (key === 'limit' || key === 'cursor' || value === undefined) continue;
    params.set(key, String(value));
  }
  const query = params.toString();
  return `/export/units.csv${query === '' ? '' : `?${query}`}`;
}

/** Pages of `unit.list` for these filters, fetched by keyset cursor as the user scrolls. */
export function useUnitList(filters: UnitFilters) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const input = unitListInput(filters);
  // A plain infinite query: tRPC's infiniteQueryOptions adds a `direction` field that the
  // api's strict input schema rejects. The cursor goes in as the api's own `cursor`.
  const list = useInfiniteQuery({
    queryKey: [...trpc.unit.list.queryKey(input), 'pages'],
    queryFn: ({ pageParam }) => client.unit.list.query(pageParam === null ? input : { ...input, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // Keep the old rows on screen while the next filter loads: no flicker while typing.
    placeholderData: keepPreviousData,
  });
  const items: UnitRow[] = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total ?? null;
  return { list, input, items, total };
}
