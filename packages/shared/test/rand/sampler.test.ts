import { describe, expect, it } from 'vitest';
import { firstFraction, orderByTicket, sampler } from '../../src/rand/index.ts';
import { SAMPLER } from './vectors.ts';

/** Python's str() of an id in these vectors: strings as is, ints in decimal, tuples as repr. */
function pyStr(id: string | number | [string, number]): string {
  if (Array.isArray(id)) return `('${id[0]}', ${id[1]})`;
  return String(id);
}

/** The keyword arguments of a vector's `call` text, e.g. "seed=314159, take=4". */
function callArgs(call: string): { seed: string; withReplacement: boolean; take?: number } {
  const seed = /seed=([0-9]+)/.exec(call)?.[1] ?? '';
  const take = /take=([0-9]+)/.exec(call)?.[1];
  return { seed, withReplacement: call.includes('with_replacement=True'), ...(take ? { take: Number(take) } : {}) };
}

function idsOf(ids: string[] | string): string[] {
  if (Array.isArray(ids)) return ids;
  const m = /^range\((\d+),\s*(\d+)\)$/.exec(ids);
  if (!m) throw new Error(`unknown ids ${ids}`);
  return Array.from({ length: Number(m[2]) - Number(m[1]) }, (_, i) => String(Number(m[1]) + i));
}

describe("Rivest's sampler examples (consistent-sampler-reference-vectors.json)", () => {
  it.each(SAMPLER.sampler_examples)('$call', (v) => {
    const args = callArgs(v.call);
    const drawn = sampler(idsOf(v.ids), args.seed, { withReplacement: args.withReplacement, ...(args.take ? { take: args.take } : {}) });
    if (!drawn.ok) throw new Error(drawn.error.message);
    const idsOnly = v.call.includes("output='id'");
    const expected = v.output.map((o) => (idsOnly ? pyStr(o as string | number) : (o as [string, string | number, number])));
    const got = drawn.value.map((t) => (idsOnly ? t.id : [t.ticket, t.id, t.generation]));
    expect(got).toEqual(expected.map((e) => (Array.isArray(e) ? [e[0], pyStr(e[1]), e[2]] : e)));
  });

  it('full-length tickets of a shuffle (seed 31)', () => {
    const v = SAMPLER.full_ticket_shuffle;
    const drawn = sampler(v.ids, v.seed, { digits: 78 });
    if (!drawn.ok) throw new Error(drawn.error.message);
    expect(drawn.value.map((t) => [t.ticket, t.id, t.generation])).toEqual(v.output_tickets_digits78);
  });

  it("Arlo's draw_sample snapshot: tuple ids, an emoji in the seed, 18 digits, with replacement", () => {
    const v = SAMPLER.arlo_draw_sample;
    const ids = Object.keys(v.manifest).flatMap((batch) => Array.from({ length: 25 }, (_, i) => `('${batch}', ${i + 1})`));
    const drawn = sampler(ids, v.seed, { withReplacement: true, take: 20, digits: 18 });
    if (!drawn.ok) throw new Error(drawn.error.message);
    expect(drawn.value.map((t) => [t.ticket, t.id, t.generation])).toEqual(v.expected.map(([ticket, id, gen]) => [ticket, pyStr(id), gen]));
  });
});

describe('sampler options', () => {
  const ids = ['a', 'b', 'c', 'd', 'e'];

  it('drop and take select a window of the same stream', () => {
    const all = sampler(ids, '52', { withReplacement: true, take: 15 });
    const window = sampler(ids, '52', { withReplacement: true, drop: 4, take: 6 });
    if (!all.ok || !window.ok) throw new Error('sampler failed');
    expect(window.value).toEqual(all.value.slice(4, 10));
  });

  it('without replacement stops at the end of the pool', () => {
    const drawn = sampler(ids, '52', { take: 99 });
    expect(drawn.ok && drawn.value.map((t) => t.id)).toEqual(['d', 'b', 'e', 'a', 'c']);
  });

  it('refuses an endless draw, bad windows, duplicate ids and lone surrogates, naming them', () => {
    const endless = sampler(ids, '1', { withReplacement: true });
    expect(!endless.ok && endless.error.message).toMatch(/give take/);
    const negative = sampler(ids, '1', { drop: -1 });
    expect(!negative.ok && negative.error.type).toBe('rand_invalid_input');
    const twice = orderByTicket(['BU-1', 'BU-2', 'BU-1'], 'seed');
    expect(!twice.ok && twice.error).toMatchObject({ type: 'rand_duplicate', serial: 'BU-1' });
    const lone = orderByTicket(['ok', 'bad\ud800'], 'seed');
    expect(!lone.ok && lone.error.type).toBe('rand_invalid_input');
    const loneSeed = orderByTicket(['ok'], '\udc00');
    expect(!loneSeed.ok && loneSeed.error.field).toBe('seed');
  });

  it('non-ASCII ids are ordered by the tickets of their UTF-8 bytes', () => {
    const odd = ['☃', '😀', 'é', 'plain'];
    const ordered = orderByTicket(odd, 'snowman');
    if (!ordered.ok) throw new Error(ordered.error.message);
    const naive = [...odd].sort((x, y) => (firstFraction(x, 'snowman') < firstFraction(y, 'snowman') ? -1 : 1));
    expect(ordered.value.ids).toEqual(naive);
  });
});
