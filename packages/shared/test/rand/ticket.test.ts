import { describe, expect, it } from 'vitest';
import { sha256, toHex, utf8Encode } from '../../src/log/index.ts';
import { firstFraction, nextFraction, sha256Hex, sha256Uniform, trimTicket } from '../../src/rand/index.ts';
import { EVMRAND, RIVEST_2011, SAMPLER } from './vectors.ts';

describe('EVMRAND/1 ticket vectors (evmrand-v1-vectors.json)', () => {
  it.each(EVMRAND.tickets)('ticket($seed, $id)', (v) => {
    expect(sha256Hex(v.seed)).toBe(v.seed_sha256_hex);
    expect(v.hash_input).toBe(v.seed_sha256_hex + v.id);
    expect(sha256Hex(v.hash_input)).toBe(v.sha256_hex);
    expect(firstFraction(v.id, v.seed)).toBe(v.ticket);
    expect(trimTicket(v.ticket)).toBe(v.ticket_trim9);
  });
});

describe('consistent-sampler primitives (consistent-sampler-reference-vectors.json)', () => {
  const p = SAMPLER.primitives;
  it('sha256_hex and sha256_uniform of "abc"', () => {
    expect(sha256Hex('abc')).toBe(p["sha256_hex('abc')"]);
    expect(sha256Uniform('abc')).toBe(p["sha256_uniform('abc')"]);
  });

  it('first_fraction and its generation-2 successor', () => {
    const first = firstFraction('AB-130', '01382438112797316654');
    expect(first).toBe(p["first_fraction(id='AB-130', seed='01382438112797316654')"]);
    expect(nextFraction(first)).toBe(p["next_fraction(first_fraction('AB-130','01382438112797316654'))  [generation 2]"]);
  });

  it('next_fraction of a short ticket', () => {
    expect(nextFraction('0.25471')).toBe(p["next_fraction('0.25471')"]);
  });

  it('make_ticket_heap tickets', () => {
    const heap = p["make_ticket_heap(['dog','cat','fish','goat'], seed='xy()134!g2n') (heap array order, full tickets)"];
    for (const [ticket, id] of heap) expect(firstFraction(String(id), 'xy()134!g2n')).toBe(ticket);
  });

  it('next_fraction keeps a leading run of 9s and is always larger', () => {
    for (const x of ['0.999', '0.9', '0.99912', '0.0']) {
      const y = nextFraction(x);
      expect(y > `${x}0`).toBe(true);
      expect(y.startsWith(x.slice(0, 2 + (/^0\.(9*)/.exec(x)?.[1]?.length ?? 0)))).toBe(true);
    }
  });

  it("trim cuts after the leading 9s, as Rivest's docstring shows", () => {
    expect(trimTicket('0.9991234567890', 4)).toBe('0.9991234');
    expect(trimTicket('0.9098039269123', 9)).toBe('0.9098039269');
    expect(trimTicket('0.999', 2)).toBe('0.999');
  });

  it('refuses a ticket that is not "0.…"', () => {
    expect(() => nextFraction('1.5')).toThrow(RangeError);
  });
});

describe('UTF-8 hashing of seeds (rivest-sampler-tests.json, Rivest 2011 sampler.py)', () => {
  // The 2011 sampler draws int(SHA256(seed + "," + i)) mod total + 1 for i = 1..count: it checks
  // that seeds are hashed as their exact UTF-8 bytes (non-ASCII, non-BMP) and never parsed as numbers.
  it.each(RIVEST_2011.tests)('seed $data.seed', ({ data, expected }) => {
    const drawn = Array.from({ length: data.count }, (_, k) => {
      const h = BigInt(`0x${sha256Hex(`${data.seed},${k + 1}`)}`);
      return Number(h % BigInt(data.total)) + 1;
    });
    expect(drawn).toEqual(expected);
  });

  it('hashes a non-BMP seed as its 4 UTF-8 bytes, not as two UTF-16 surrogates', () => {
    expect(sha256Hex('\ud83d\ude00')).toBe(toHex(sha256(Uint8Array.of(0xf0, 0x9f, 0x98, 0x80))));
    expect(sha256Hex('\ud83d\ude00')).toBe(toHex(sha256(utf8Encode('😀'))));
  });
});

describe('the spec primitive vector (specs/evmrand-v1.md §4.5)', () => {
  it('seed 314159, id BU-000101', () => {
    expect(sha256Hex('314159')).toMatch(/^c5b389be.*c3f0$/);
    expect(sha256Hex(`${sha256Hex('314159')}BU-000101`)).toBe('ddda0b08e2ff8e64c01063e436a5a61b94367fe9cd885290bf05579dd8f33de4');
    expect(firstFraction('BU-000101', '314159')).toBe('0.003762951497675397494546978911262317726796207069169385500892556818553883643001');
  });
});
