/**
 * EVMRAND/1 runs in the browser too: the worked first randomisation of specs/evmrand-v1.md §4.5
 * through `@evmtrail/shared` as the web app imports it (happy-dom, no Node built-ins), so an
 * observer's page can redo a draw from its published inputs.
 */
import { allocate, commit, freezeDemand, freezePool, seedFrom, type PoolUnit, type UnitKind } from '@evmtrail/shared';
import { describe, expect, it } from 'vitest';

function range(kind: UnitKind, prefix: string, from: number, to: number): PoolUnit[] {
  return Array.from({ length: to - from + 1 }, (_, i) => ({ kind, serial: `${prefix}-${String(from + i).padStart(6, '0')}` }));
}

describe('EVMRAND/1 in the web app', () => {
  it('reproduces the spec’s first randomisation of D0412 byte for byte', () => {
    const pool = freezePool([...range('BU', 'BU', 101, 115), ...range('CU', 'CU', 201, 215), ...range('VVPAT', 'VV', 301, 317)]);
    const demand = freezeDemand((['BU', 'CU', 'VVPAT'] as const).flatMap((kind) =>
      ['AC-057', 'AC-058', 'AC-059'].map((target, i) => ({ kind, target, count: (kind === 'VVPAT' ? 6 : 5) - i }))));
    if (!pool.ok || !demand.ok) throw new Error('inputs refused');
    const reveals = { P01: '6f1c2d3e4a5b69788796a5b4c3d2e1f0', P02: '0123456789abcdef0123456789abcdef', P03: 'fedcba9876543210fedcba9876543210' };
    const parties = Object.entries(reveals).map(([party, reveal]) => {
      const commitment = commit({ party, value: reveal });
      if (!commitment.ok) throw new Error(commitment.error.message);
      return { party, commitment: commitment.value, reveal };
    });
    const seed = seedFrom({ electionId: 'GE2029', stage: '1', scope: 'D0412', poolHash: pool.value.hash, demandHash: demand.value.hash, dice: '31415926535897932384', parties });
    if (!seed.ok) throw new Error(seed.error.message);
    const allocation = allocate({ pool: pool.value, demand: demand.value, seed: seed.value });
    if (!allocation.ok) throw new Error(allocation.error.message);
    expect(pool.value.hash).toBe('66c56bcd27025a5119ccee77696ba5c79dd8f0752b37cb5e3b932f4368206f9d');
    expect(allocation.value.byKind.BU.blocks[0]?.serials).toEqual(['BU-000115', 'BU-000106', 'BU-000109', 'BU-000103', 'BU-000113']);
    expect(allocation.value.hash).toBe('c204daec55f0317da4433fcf18d4107dea98496fdf2a053927da52996e3bb248');
  });
});
