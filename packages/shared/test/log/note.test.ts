import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  addSignatureLine,
  checkpointText,
  cosignCheckpoint,
  formatVkey,
  formatWitnessVkey,
  fromBase64,
  fromHex,
  keyIdCosignature,
  keyIdEd25519,
  parseCheckpoint,
  parseNote,
  parseVkey,
  publicKeyFromSeed,
  signNote,
  toBase64,
  toHex,
  verifyCosignature,
  verifyNote,
} from '../../src/log/index.ts';

function load<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/vectors/${name}`, import.meta.url), 'utf8')) as T;
}

interface C2spVectors {
  signed_note_ed25519_example: { vkey: string; note: string; signed_text: string };
  checkpoint_format_example: { note: string };
}

interface LogVectors {
  origin: string;
  roots_by_size_hex: Record<string, string>;
  signing_key: { ed25519_private_seed_hex: string; ed25519_public_key_hex: string; key_id_hex: string; vkey: string };
  checkpoints: { tree_size: number; note_text: string; signed_note: string }[];
  witness_cosignature: {
    witness_name: string;
    ed25519_private_seed_hex: string;
    ed25519_public_key_hex: string;
    key_id_hex: string;
    vkey: string;
    timestamp: number;
    signature_line: string;
    cosigned_note: string;
  };
}

const c2sp = load<C2spVectors>('c2sp-signed-note-vectors.json');
const log = load<LogVectors>('evmlog-v1-custody-log-vectors.json');
const logSeed = fromHex(log.signing_key.ed25519_private_seed_hex);
const witness = log.witness_cosignature;
const witnessSeed = fromHex(witness.ed25519_private_seed_hex);

/** Replaces the character at `i` with a different one. */
function flipChar(s: string, i: number): string {
  const replacement = s[i] === 'A' ? 'B' : 'A';
  return `${s.slice(0, i)}${replacement}${s.slice(i + 1)}`;
}

describe('C2SP signed-note example', () => {
  it('verifies with its vkey', () => {
    const { vkey, note, signed_text } = c2sp.signed_note_ed25519_example;
    const result = verifyNote(note, [vkey]);
    expect(result).toEqual({ ok: true, value: { text: signed_text, verifiedBy: ['example.com/foo'] } });
  });

  it('fails when a byte of the text or the signature changes', () => {
    const { vkey, note } = c2sp.signed_note_ed25519_example;
    expect(verifyNote(note.replace('example', 'exbmple'), [vkey])).toMatchObject({
      ok: false,
      error: { type: 'bad_signature' },
    });
    const sigStart = note.indexOf('Uw2QOk') + 10;
    expect(verifyNote(flipChar(note, sigStart), [vkey]).ok).toBe(false);
  });

  it('ignores unknown signers and fails with no trusted signature', () => {
    const { note } = c2sp.signed_note_ed25519_example;
    const other = formatVkey('example.com/foo', publicKeyFromSeed(logSeed));
    expect(verifyNote(note, [other])).toMatchObject({ ok: false, error: { type: 'no_verified_signature' } });
    expect(verifyNote(note, [])).toMatchObject({ ok: false, error: { type: 'no_verified_signature' } });
  });

  it('parses the checkpoint format example', () => {
    const parsed = parseNote(c2sp.checkpoint_format_example.note);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const checkpoint = parseCheckpoint(parsed.value.text);
    expect(checkpoint).toMatchObject({ ok: true, value: { origin: 'example.com/behind-the-sofa', size: 20852163 } });
  });
});

describe('vkeys', () => {
  it('reproduces the log and witness key IDs and vkeys', () => {
    const pub = publicKeyFromSeed(logSeed);
    expect(toHex(pub)).toBe(log.signing_key.ed25519_public_key_hex);
    expect(toHex(keyIdEd25519(log.origin, pub))).toBe(log.signing_key.key_id_hex);
    expect(formatVkey(log.origin, pub)).toBe(log.signing_key.vkey);
    const wpub = publicKeyFromSeed(witnessSeed);
    expect(toHex(wpub)).toBe(witness.ed25519_public_key_hex);
    expect(toHex(keyIdCosignature(witness.witness_name, wpub))).toBe(witness.key_id_hex);
    expect(formatWitnessVkey(witness.witness_name, wpub)).toBe(witness.vkey);
  });

  it('parses a vkey whose base64 contains "+" (split on the first two only)', () => {
    expect(witness.vkey.split('+').length).toBeGreaterThan(3);
    const parsed = parseVkey(witness.vkey);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.name).toBe(witness.witness_name);
    expect(parsed.value.type).toBe(0x04);
    expect(toHex(parsed.value.publicKey)).toBe(witness.ed25519_public_key_hex);
  });

  it.each([
    ['no plus signs', 'example.com/foo'],
    ['bad key id', 'example.com/foo+530d903b+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k'],
    ['uppercase key id', 'example.com/foo+530D903A+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k'],
    ['bad base64', 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2'],
    ['empty name', '+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k'],
    ['unknown type', `example.com/foo+530d903a+${toBase64(new Uint8Array(33).fill(7))}`],
  ])('rejects a vkey with %s', (_label, vkey) => {
    expect(parseVkey(vkey)).toMatchObject({ ok: false, error: { type: 'malformed_vkey' } });
  });
});

describe('EVMLOG/1 checkpoints', () => {
  it.each(log.checkpoints)('reproduces and verifies the size $tree_size checkpoint byte for byte', (cp) => {
    const text = checkpointText(log.origin, cp.tree_size, fromHex(log.roots_by_size_hex[String(cp.tree_size)] ?? ''));
    expect(text).toBe(cp.note_text);
    expect(signNote(text, log.origin, logSeed)).toBe(cp.signed_note);
    expect(verifyNote(cp.signed_note, [log.signing_key.vkey])).toEqual({
      ok: true,
      value: { text, verifiedBy: [log.origin] },
    });
    const parsed = parseCheckpoint(text);
    expect(parsed.ok && toHex(parsed.value.root)).toBe(log.roots_by_size_hex[String(cp.tree_size)]);
  });

  it('fails when any character of the signed checkpoint changes', () => {
    const note = log.checkpoints[1]?.signed_note ?? '';
    for (let i = 0; i < note.length; i += 1) {
      if (note[i] === '\n') continue;
      expect(verifyNote(flipChar(note, i), [log.signing_key.vkey]).ok, `char ${i}`).toBe(false);
    }
  });

  it('rejects malformed checkpoint text', () => {
    const root = toBase64(new Uint8Array(32));
    for (const text of [
      `o\n5\n${root}`,
      `o\n05\n${root}\n`,
      `o\n-1\n${root}\n`,
      `o\n5\n${root.slice(4)}\n`,
      `\n5\n${root}\n`,
      `o\n5\n${root}\n\n`,
      `o\n5\n`,
      `o\n9007199254740993\n${root}\n`,
    ]) {
      expect(parseCheckpoint(text), JSON.stringify(text)).toMatchObject({ ok: false, error: { type: 'malformed_checkpoint' } });
    }
    expect(parseCheckpoint(`o\n5\n${root}\next\n`).ok).toBe(true);
  });
});

describe('witness cosignatures (tlog-cosignature type 0x04)', () => {
  const signed = log.checkpoints[1]?.signed_note ?? '';
  const text = log.checkpoints[1]?.note_text ?? '';

  it('reproduces the vector cosignature from the note or from the text', () => {
    expect(cosignCheckpoint(signed, witness.witness_name, witnessSeed, witness.timestamp)).toBe(witness.cosigned_note);
    expect(cosignCheckpoint(text, witness.witness_name, witnessSeed, witness.timestamp)).toBe(
      `${text}\n${witness.signature_line}`,
    );
  });

  it('verifies and returns the timestamp', () => {
    expect(verifyCosignature(witness.cosigned_note, witness.vkey)).toEqual({
      ok: true,
      value: { timestamp: witness.timestamp },
    });
    expect(verifyNote(witness.cosigned_note, [log.signing_key.vkey, witness.vkey])).toMatchObject({
      ok: true,
      value: { verifiedBy: [log.origin, witness.witness_name] },
    });
  });

  it('fails on a changed text, timestamp or signature, and on a missing cosignature', () => {
    const note = witness.cosigned_note;
    const tampered = note.replace('\n8\n', '\n9\n');
    expect(verifyCosignature(tampered, witness.vkey)).toMatchObject({ ok: false, error: { type: 'bad_signature' } });
    const line = witness.signature_line;
    const sigBytes = fromBase64(line.slice(line.lastIndexOf(' ') + 1, -1));
    sigBytes[11] = (sigBytes[11] ?? 0) ^ 1; // last timestamp byte
    const forged = note.replace(line, `— ${witness.witness_name} ${toBase64(sigBytes)}\n`);
    expect(verifyCosignature(forged, witness.vkey)).toMatchObject({ ok: false, error: { type: 'bad_signature' } });
    expect(verifyCosignature(signed, witness.vkey)).toMatchObject({ ok: false, error: { type: 'missing_cosignature' } });
    expect(verifyCosignature(note, log.signing_key.vkey)).toMatchObject({ ok: false, error: { type: 'wrong_key_type' } });
  });

  it('adds signature lines to a signed note, idempotently', () => {
    expect(addSignatureLine(signed, witness.signature_line)).toEqual({ ok: true, value: witness.cosigned_note });
    expect(addSignatureLine(signed, witness.signature_line.trimEnd())).toEqual({ ok: true, value: witness.cosigned_note });
    expect(addSignatureLine(witness.cosigned_note, witness.signature_line)).toEqual({
      ok: true,
      value: witness.cosigned_note,
    });
    expect(addSignatureLine(signed, '- not a signature')).toMatchObject({ ok: false, error: { type: 'malformed_note' } });
    expect(addSignatureLine(text, witness.signature_line)).toMatchObject({ ok: false, error: { type: 'malformed_note' } });
  });
});

describe('signed-note format', () => {
  const vkey = formatVkey('test.example/key', publicKeyFromSeed(logSeed));

  it('signs and verifies texts with blank lines and non-ASCII', () => {
    const text = 'Ognuno sta solo\n\ned è subito sera.\n';
    const note = signNote(text, 'test.example/key', logSeed);
    expect(verifyNote(note, [vkey])).toEqual({ ok: true, value: { text, verifiedBy: ['test.example/key'] } });
  });

  it('refuses to sign text without a final newline or with control characters', () => {
    expect(() => signNote('no newline', 'k', logSeed)).toThrow(/newline/);
    expect(() => signNote('tab\there\n', 'k', logSeed)).toThrow(/control character U\+0009 on line 1/);
    expect(() => signNote('x\n', 'bad name', logSeed)).toThrow(/key name/);
  });

  it.each([
    ['no signature block', 'text\n'],
    ['no final newline', 'text\n\n— k AAAAAAA=' ],
    ['a bad dash', 'text\n\n- k AAAAAAA=\n'],
    ['a short signature', 'text\n\n— k AAAA\n'],
    ['an extra field', 'text\n\n— k AAAAAAA= x\n'],
    ['a control character', 'te\rxt\n\n— k AAAAAAA=\n'],
  ])('rejects a note with %s', (_label, note) => {
    expect(verifyNote(note, [vkey])).toMatchObject({ ok: false, error: { type: 'malformed_note' } });
  });

  it('names the line of a malformed signature', () => {
    const note = signNote('a\nb\n', 'test.example/key', logSeed);
    const result = verifyNote(`${note}— other AAAA\n`, [vkey]);
    expect(!result.ok && result.error.message).toMatch(/^signature line 5\b/);
  });
});
