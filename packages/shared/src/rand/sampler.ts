/**
 * Rivest's `sampler()` in full (consistent_sampler.py @59f1485): ids in ticket order, optionally
 * with replacement (a drawn id comes back with its next, larger ticket), with `drop`, `take` and
 * tickets trimmed to `digits` for display. EVMRAND/1 draws without replacement (`allocate`); the
 * with-replacement stream is here for samples such as VVPAT slip verification and so that every
 * reference vector of Rivest's code can be checked.
 */
import { ok, type Result } from '../lib/result.ts';
import { randErr, type RandError } from './errors.ts';
import { orderByTicket } from './order.ts';
import { nextFraction, trimTicket } from './ticket.ts';

export interface SampledTicket {
  /** Trimmed to `digits` significant digits after any leading run of 9s. */
  readonly ticket: string;
  readonly id: string;
  /** 1 for an id's first draw, 2 for its second (with replacement), … */
  readonly generation: number;
}

export interface SamplerOptions {
  readonly withReplacement?: boolean;
  /** Draws to skip before output starts (default 0). */
  readonly drop?: number;
  /** Draws to output after the dropped ones (default all; required with replacement). */
  readonly take?: number;
  /** Ticket digits shown (default 9, as Rivest's). */
  readonly digits?: number;
}

interface Full {
  readonly ticket: string;
  readonly id: string;
  readonly generation: number;
}

/** Python's tuple order on (ticket, id, generation). */
function before(x: Full, y: Full): boolean {
  if (x.ticket !== y.ticket) return x.ticket < y.ticket;
  if (x.id !== y.id) return x.id < y.id;
  return x.generation < y.generation;
}

/** A binary min-heap of the later-generation tickets. */
class TicketHeap {
  private readonly items: Full[] = [];
  peek(): Full | undefined {
    return this.items[0];
  }
  push(item: Full): void {
    const a = this.items;
    a.push(item);
    for (let i = a.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      const [p, c] = [a[parent], a[i]];
      if (!p || !c || !before(c, p)) break;
      [a[parent], a[i]] = [c, p];
      i = parent;
    }
  }
  pop(): Full | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || !last) return top;
    a[0] = last;
    for (let i = 0; ; ) {
      const [l, r] = [2 * i + 1, 2 * i + 2];
      let m = i;
      if (l < a.length && before(a[l] as Full, a[m] as Full)) m = l;
      if (r < a.length && before(a[r] as Full, a[m] as Full)) m = r;
      if (m === i) return top;
      [a[i], a[m]] = [a[m] as Full, a[i] as Full];
      i = m;
    }
  }
}

/**
 * Rivest's `sampler(ids, seed, with_replacement, drop, take, output='tuple', digits)`: the draws
 * numbered drop+1 … drop+take. Ids must be distinct; they and the seed are hashed as UTF-8
 * (give Python's `str(id)` for non-string ids, e.g. "('pct 2', 3)" for a tuple).
 */
export function sampler(ids: readonly string[], seed: string, options: SamplerOptions = {}): Result<readonly SampledTicket[], RandError> {
  const { withReplacement = false, drop = 0, take = Number.POSITIVE_INFINITY, digits = 9 } = options;
  if (!Number.isSafeInteger(drop) || drop < 0 || !(take >= 0) || (take !== Number.POSITIVE_INFINITY && !Number.isSafeInteger(take))) {
    return randErr('rand_invalid_input', 'Sampler: drop and take must be whole numbers from 0', { field: 'take' });
  }
  if (withReplacement && take === Number.POSITIVE_INFINITY) {
    return randErr('rand_invalid_input', 'Sampler: sampling with replacement never ends; give take', { field: 'take' });
  }
  const ordered = orderByTicket(ids, seed);
  if (!ordered.ok) return ordered;
  const order = ordered.value;
  const end = withReplacement ? drop + take : Math.min(order.ids.length, drop + take);
  const out: SampledTicket[] = [];
  const later = new TicketHeap();
  let rank = 0;
  let head: Full | undefined;
  for (let count = 1; count <= end; count += 1) {
    if (!head && rank < order.ids.length) head = { ticket: order.ticket(rank), id: order.ids[rank] ?? '', generation: 1 };
    const next = later.peek();
    const fromHeap = next !== undefined && (!head || before(next, head));
    const drawn = fromHeap ? later.pop() : head;
    if (!drawn) break;
    if (!fromHeap) [head, rank] = [undefined, rank + 1];
    if (withReplacement) later.push({ ticket: nextFraction(drawn.ticket), id: drawn.id, generation: drawn.generation + 1 });
    if (count > drop) out.push({ ticket: trimTicket(drawn.ticket, digits), id: drawn.id, generation: drawn.generation });
  }
  return ok(out);
}
