import { describe, expect, it } from 'vitest';
import { redrawFromFiles, ticketPrefix } from '../../src/rand/index.ts';
import { EVMRAND } from './vectors.ts';

const v = EVMRAND.first_randomisation;

describe('tickets on the lists for parties', () => {
  it("prints each vector ticket's first 18 digits, the order's own ticket for that unit", () => {
    const redrawn = redrawFromFiles({ poolCsv: v.pool_csv, demandCsv: v.demand_csv, seed: v.seed });
    if (!redrawn.ok) throw new Error(redrawn.error.message);
    for (const kind of ['BU', 'CU', 'VVPAT'] as const) {
      const order = redrawn.value.byKind[kind].order;
      for (const o of v.per_type[kind].order) {
        const printed = ticketPrefix(order.ticket(order.ids.indexOf(o.id)));
        expect(printed).toMatch(/^\d{18}$/);
        expect(printed).toBe(o.ticket.slice(2, 20));
      }
    }
  });
});
