import type { LocationKind } from '@evmtrail/shared';

import type { LocationWithCount } from './location.repository.ts';

/**
 * The map's locations on the wire, by column: one array per field, entry i of each is location
 * i. Repeated strings (kind, strongroom type) are indices into small tables; coordinates are
 * rounded to 5 decimals (about 1 m); absent values are null. Decoded by the web's map-model.ts.
 * Pune's thousands of polling stations go from 3.1 MB of objects to a fraction of that.
 */
export interface LocationColumns {
  readonly kinds: readonly LocationKind[];
  readonly strongroomTypes: readonly string[];
  readonly id: number[];
  readonly code: string[];
  /** Index into `kinds`. */
  readonly kind: number[];
  /** Index into `strongroomTypes`, or null. */
  readonly strongroomType: Array<number | null>;
  readonly name: string[];
  readonly nameHi: Array<string | null>;
  readonly acId: Array<number | null>;
  readonly parentId: Array<number | null>;
  readonly lat: Array<number | null>;
  readonly lon: Array<number | null>;
  readonly psNumber: Array<number | null>;
  readonly electors: Array<number | null>;
  readonly unitCount: number[];
}

function round5(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1e5) / 1e5;
}

function indexer<T>(table: T[]): (value: T) => number {
  return (value) => {
    const at = table.indexOf(value);
    if (at >= 0) return at;
    table.push(value);
    return table.length - 1;
  };
}

export function toLocationColumns(locations: readonly LocationWithCount[]): LocationColumns {
  const kinds: LocationKind[] = [];
  const strongroomTypes: string[] = [];
  const kindAt = indexer(kinds);
  const typeAt = indexer(strongroomTypes);
  const columns: LocationColumns = {
    kinds, strongroomTypes, id: [], code: [], kind: [], strongroomType: [], name: [], nameHi: [], acId: [],
    parentId: [], lat: [], lon: [], psNumber: [], electors: [], unitCount: [],
  };
  for (const l of locations) {
    columns.id.push(l.id);
    columns.code.push(l.code);
    columns.kind.push(kindAt(l.kind));
    columns.strongroomType.push(l.strongroomType === null ? null : typeAt(l.strongroomType));
    columns.name.push(l.name);
    columns.nameHi.push(l.nameHi);
    columns.acId.push(l.acId);
    columns.parentId.push(l.parentId);
    columns.lat.push(round5(l.lat));
    columns.lon.push(round5(l.lon));
    columns.psNumber.push(l.psNumber);
    columns.electors.push(l.electors);
    columns.unitCount.push(l.unitCount);
  }
  return columns;
}
