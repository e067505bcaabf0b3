import type { LocationKind } from '@evmtrail/shared';

import type { LocationWithCount } from './location.repository.ts';

/**
 * The map's locations on the wire, by column: one array per field, entry i of each is location
 * i. Repeated strings (kind, strongroom type) are indices into small tables; coordinates are
 * rounded to 5 decimals (about 1 m); absent values are null. Text columns (code, name, nameHi)
 * are front-coded: entry i holds what follows the first `<column>Shared[i]` characters (UTF-16
 * units) of entry i-1, since neighbours share long prefixes ('… School, Junnar - Room 1', '… Room 2').
 * Decoded by the web's map-model.ts.
 */
export interface LocationColumns {
  readonly kinds: readonly LocationKind[];
  readonly strongroomTypes: readonly string[];
  readonly id: number[];
  readonly code: string[];
  readonly codeShared: number[];
  /** Index into `kinds`. */
  readonly kind: number[];
  /** Index into `strongroomTypes`, or null. */
  readonly strongroomType: Array<number | null>;
  readonly name: string[];
  readonly nameShared: number[];
  readonly nameHi: Array<string | null>;
  readonly nameHiShared: number[];
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

/** Front coding of a text column: how much of the previous entry each one repeats, and the rest. */
function frontCoder(): (text: string | null) => { shared: number; rest: string | null } {
  let previous = '';
  return (text) => {
    if (text === null) return { shared: 0, rest: null };
    let shared = 0;
    const max = Math.min(previous.length, text.length);
    while (shared < max && previous.charCodeAt(shared) === text.charCodeAt(shared)) shared += 1;
    // Never split a surrogate pair.
    if (shared > 0 && shared < text.length && /[\uDC00-\uDFFF]/.test(text.charAt(shared))) shared -= 1;
    previous = text;
    return { shared, rest: text.slice(shared) };
  };
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
    kinds, strongroomTypes, id: [], code: [], codeShared: [], kind: [], strongroomType: [], name: [], nameShared: [],
    nameHi: [], nameHiShared: [], acId: [],
    parentId: [], lat: [], lon: [], psNumber: [], electors: [], unitCount: [],
  };
  const [code, name, nameHi] = [frontCoder(), frontCoder(), frontCoder()];
  for (const l of locations) {
    columns.id.push(l.id);
    const c = code(l.code);
    columns.code.push(c.rest ?? '');
    columns.codeShared.push(c.shared);
    columns.kind.push(kindAt(l.kind));
    columns.strongroomType.push(l.strongroomType === null ? null : typeAt(l.strongroomType));
    const n = name(l.name);
    columns.name.push(n.rest ?? '');
    columns.nameShared.push(n.shared);
    const h = nameHi(l.nameHi);
    columns.nameHi.push(h.rest);
    columns.nameHiShared.push(h.shared);
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
