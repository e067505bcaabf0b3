import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, isCanonicalJson, parseCanonicalJson } from '../../src/log/index.ts';

/** JSON values inside the EVMLOG/1 subset: safe integers, ASCII keys. */
const asciiKey = fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)), maxLength: 8 });
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.maxSafeInteger(),
    fc.string({ unit: 'grapheme' }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(asciiKey, tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('canonicalJson (RFC 8785)', () => {
  it('sorts keys, drops whitespace and escapes like JSON.stringify', () => {
    expect(canonicalJson({ b: [1, 'x', null, true], a: { d: -0, c: '\u00e9\n"\u001f' } })).toBe(
      '{"a":{"c":"\u00e9\\n\\"\\u001f","d":0},"b":[1,"x",null,true]}',
    );
    expect(canonicalJson({ _: 1, A: 2, a: 3, '1': 4, '': 5 })).toBe('{"":5,"1":4,"A":2,"_":1,"a":3}');
    // Integer-like keys: JS engines list them first, numerically; JCS sorts code units.
    expect(canonicalJson({ '9': 1, '10': 2, b: 3 })).toBe('{"10":2,"9":1,"b":3}');
    expect(isCanonicalJson('{"10":2,"9":1,"b":3}')).toBe(true);
    expect(isCanonicalJson('{"9":1,"10":2,"b":3}')).toBe(false);
  });

  it('agrees with the canonicalize package on the supported subset', () => {
    fc.assert(fc.property(jsonValue, (v) => canonicalJson(v) === canonicalize(v)), { numRuns: 500 });
  });

  it('round-trips: canonical text is recognised and parses back to the value', () => {
    fc.assert(
      fc.property(jsonValue, (v) => {
        const text = canonicalJson(v);
        expect(isCanonicalJson(text)).toBe(true);
        expect(parseCanonicalJson(text)).toEqual({ ok: true, value: JSON.parse(text) as unknown });
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    [{ a: 1.5 }, '$.a'],
    [{ a: [1, 2 ** 53] }, '$.a[1]'],
    [{ a: Number.NaN }, '$.a'],
    [{ a: { 'é': 1 } }, '$.a["é"]'],
    [{ a: undefined }, '$.a'],
    [[1, undefined], '$[1]'],
    [{ f: () => 1 }, '$.f'],
    [{ b: 1n }, '$.b'],
    [{ d: new Date(0) }, '$.d'],
    [{ s: 'x\ud800' }, '$.s'],
    [{ 'a b': [{ c: 0.1 }] }, '$["a b"][0].c'],
  ])('rejects %o naming %s', (value, path) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
    expect(() => canonicalJson(value)).toThrow(path);
  });

  it('rejects cycles', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(() => canonicalJson(a)).toThrow(/cycle at \$\.self/);
  });
});

describe('isCanonicalJson', () => {
  it.each([
    ['{"a":1}', true],
    ['[]', true],
    ['"x"', true],
    ['{"a":1} ', false],
    ['{ "a":1}', false],
    ['{"b":1,"a":2}', false],
    ['{"a":1,"a":1}', false],
    ['{"a":1.0}', false],
    ['{"a":1e2}', false],
    ['{"a":-0}', false],
    ['"\\u0041"', false],
    ['"\\/"', false],
    ['{"a":1.5}', false],
    ['{"é":1}', false],
    ['not json', false],
    ['', false],
  ])('%s -> %s', (text, expected) => {
    expect(isCanonicalJson(text)).toBe(expected);
  });
});
