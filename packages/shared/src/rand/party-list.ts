/**
 * Lists for parties (issue 8 item 4): the units of each target (AC after the first
 * randomisation, polling station after the second) with their ticket's first 18 digits and the
 * seed. The CSV is allocation.csv with a ticket column: dropping the first line (`# seed=...`)
 * and the last column gives back exactly the published allocation.csv lines of those targets.
 */
import { UNIT_KINDS } from '../domain/units.ts';
import type { Allocation } from './allocate.ts';

export const TICKET_DIGITS_SHOWN = 18;

export interface PartyListRow {
  readonly kind: (typeof UNIT_KINDS)[number];
  readonly target: string;
  readonly serial: string;
  /** The first 18 digits of the unit's ticket ("0." left out). */
  readonly ticket18: string;
}

/** The rows of an allocation in allocation.csv order, optionally only some targets. */
export function partyListRows(allocation: Allocation, targets?: readonly string[]): PartyListRow[] {
  const keep = targets === undefined ? undefined : new Set(targets);
  const rows: PartyListRow[] = [];
  for (const kind of UNIT_KINDS) {
    const k = allocation.byKind[kind];
    const rank = new Map(k.order.ids.map((id, i) => [id, i]));
    const ticket18 = (serial: string) => k.order.ticket(rank.get(serial) ?? 0).replace(/^0\./, '').slice(0, TICKET_DIGITS_SHOWN);
    const push = (target: string, serial: string) => {
      if (!keep || keep.has(target)) rows.push({ kind, target, serial, ticket18: ticket18(serial) });
    };
    for (const b of k.blocks) for (const s of b.serials) push(b.target, s);
    for (const s of k.reserve) push(allocation.reserveTarget, s);
  }
  return rows;
}

/** The CSV list: `# seed=<seed>`, then `TYPE,TARGET,ID,TICKET18` lines (LF, final LF). */
export function partyListCsv(allocation: Allocation, seed: string, targets?: readonly string[]): string {
  const lines = partyListRows(allocation, targets).map((r) => `${r.kind},${r.target},${r.serial},${r.ticket18}`);
  return `# seed=${seed}\n${lines.map((l) => `${l}\n`).join('')}`;
}
