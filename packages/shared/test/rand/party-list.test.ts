import { describe, expect, it } from 'vitest';
import { partyListCsv, partyListRows, redrawFromFiles } from '../../src/rand/index.ts';
import { EVMRAND } from './vectors.ts';

const v = EVMRAND.first_randomisation;
const redrawn = redrawFromFiles({ poolCsv: v.pool_csv, demandCsv: v.demand_csv, seed: v.seed });
if (!redrawn.ok) throw new Error(redrawn.error.message);
const allocation = redrawn.value;

describe('lists for parties', () => {
  it('the whole list is allocation.csv plus a ticket column, under a seed line', () => {
    const csv = partyListCsv(allocation, v.seed);
    const [first, ...rest] = csv.split('\n');
    expect(first).toBe(`# seed=${v.seed}`);
    expect(rest.map((l) => (l === '' ? '' : l.split(',').slice(0, 3).join(','))).join('\n')).toBe(v.allocation_csv);
  });

  it('an AC-wise list holds exactly the published lines of that AC, each with the first 18 digits of its ticket', () => {
    const csv = partyListCsv(allocation, v.seed, ['AC-058']);
    const lines = csv.split('\n').slice(1, -1);
    expect(lines.map((l) => l.split(',').slice(0, 3).join(','))).toEqual(v.allocation_csv.split('\n').filter((l) => l.split(',')[1] === 'AC-058'));
    for (const kind of ['BU', 'CU', 'VVPAT'] as const) {
      for (const o of v.per_type[kind].order) {
        const row = partyListRows(allocation).find((r) => r.serial === o.id);
        expect(row?.ticket18).toBe(o.ticket.replace(/^0\./, '').slice(0, 18));
      }
    }
    expect(lines.every((l) => /^[A-Z]+,AC-058,[A-Z0-9-]+,\d{18}$/.test(l))).toBe(true);
  });
});
