import { sortStates, UNIT_KIND_ORDER } from '../../lib/unit-states';

export interface CountRow {
  readonly kind: string;
  readonly state: string;
  readonly count: number;
}

export interface CountMatrix {
  readonly kinds: readonly string[];
  readonly states: readonly string[];
  /** count of kind x state; zero when absent. */
  readonly get: (kind: string, state: string) => number;
  readonly kindTotal: (kind: string) => number;
  readonly stateTotal: (state: string) => number;
  readonly total: number;
}

function cellKey(kind: string, state: string): string {
  return `${kind}\u0000${state}`;
}

/** Pivots the api's kind x state rows into a matrix in lifecycle order. */
export function toCountMatrix(rows: readonly CountRow[]): CountMatrix {
  const cells = new Map<string, number>();
  const byKind = new Map<string, number>();
  const byState = new Map<string, number>();
  for (const r of rows) {
    const key = cellKey(r.kind, r.state);
    cells.set(key, (cells.get(key) ?? 0) + r.count);
    byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + r.count);
    byState.set(r.state, (byState.get(r.state) ?? 0) + r.count);
  }
  const known: string[] = [...UNIT_KIND_ORDER];
  const extra = [...byKind.keys()].filter((k) => !known.includes(k)).sort();
  return {
    kinds: [...known, ...extra],
    states: sortStates(byState.keys()),
    get: (kind, state) => cells.get(cellKey(kind, state)) ?? 0,
    kindTotal: (kind) => byKind.get(kind) ?? 0,
    stateTotal: (state) => byState.get(state) ?? 0,
    total: [...byKind.values()].reduce((a, b) => a + b, 0),
  };
}
