import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bytesEqual,
  concatBytes,
  fromBase64,
  fromHex,
  sha256,
  toBase64,
  toHex,
  tryFromBase64,
  utf8Decode,
  utf8Encode,
} from '../../src/log/index.ts';

describe('hex', () => {
  it('round-trips any bytes and accepts either case', () => {
    fc.assert(fc.property(fc.uint8Array(), (b) => bytesEqual(fromHex(toHex(b)), b)));
    expect(toHex(Uint8Array.of(0, 1, 0xab, 0xff))).toBe('0001abff');
    expect(fromHex('ABff')).toEqual(Uint8Array.of(0xab, 0xff));
  });

  it('throws on odd length or non-hex characters', () => {
    expect(() => fromHex('abc')).toThrow(TypeError);
    expect(() => fromHex('zz')).toThrow(TypeError);
    expect(() => fromHex('0x')).toThrow(TypeError);
  });
});

describe('base64 (RFC 4648 §4, strict)', () => {
  it('matches the RFC 4648 test vectors', () => {
    const cases: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of cases) {
      expect(toBase64(utf8Encode(plain))).toBe(encoded);
      expect(utf8Decode(fromBase64(encoded))).toBe(plain);
    }
  });

  it('round-trips any bytes and agrees with Node Buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (b) => {
        const encoded = toBase64(b);
        expect(encoded).toBe(Buffer.from(b).toString('base64'));
        expect(fromBase64(encoded)).toEqual(b);
      }),
    );
  });

  it.each(['Zg', 'Zg=', 'Zh==', 'Zm9=', 'Z===', '====', 'Zm 9v', 'Zm9v\n', 'Zm-v', 'Zm_v', 'Z=g=', 'Zg==Zg=='])(
    'rejects %j',
    (s) => {
      expect(tryFromBase64(s)).toBeUndefined();
      expect(() => fromBase64(s)).toThrow(TypeError);
    },
  );
});

describe('sha256, utf8 and helpers', () => {
  it('hashes like the FIPS 180-2 examples', () => {
    expect(toHex(sha256(utf8Encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(toHex(sha256(new Uint8Array(0)))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('encodes UTF-8 and rejects malformed UTF-8', () => {
    expect(utf8Encode('—é')).toEqual(Uint8Array.of(0xe2, 0x80, 0x94, 0xc3, 0xa9));
    expect(() => utf8Decode(Uint8Array.of(0xc3))).toThrow();
  });

  it('compares and concatenates', () => {
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
    expect(bytesEqual(Uint8Array.of(1), Uint8Array.of(1, 2))).toBe(false);
    expect(concatBytes(Uint8Array.of(1), new Uint8Array(0), Uint8Array.of(2, 3))).toEqual(Uint8Array.of(1, 2, 3));
  });
});
