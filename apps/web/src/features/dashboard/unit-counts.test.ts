import { describe, expect, it } from 'vitest';
import { toCountMatrix } from './unit-counts';

describe('toCountMatrix', () => {
  it('pivots rows into kinds x states in lifecycle order, summing duplicates', () => {
    const m = toCountMatrix([
      { kind: 'VVPAT', state: 'flc_ok', count: 3 },
      { kind: 'BU', state: 'in_warehouse', count: 10 },
      { kind: 'BU', state: 'flc_ok', count: 2 },
      { kind: 'BU', state: 'flc_ok', count: 1 },
      { kind: 'CU', state: 'someday_new_state', count: 4 },
    ]);
    expect(m.kinds).toEqual(['BU', 'CU', 'VVPAT']);
    expect(m.states).toEqual(['in_warehouse', 'flc_ok', 'someday_new_state']);
    expect(m.get('BU', 'flc_ok')).toBe(3);
    expect(m.get('CU', 'flc_ok')).toBe(0);
    expect(m.kindTotal('BU')).toBe(13);
    expect(m.stateTotal('flc_ok')).toBe(6);
    expect(m.total).toBe(20);
  });
});
