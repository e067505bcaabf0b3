import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { encodeBundle, formatVkey, publicKeyFromSeed, sha256, utf8Encode } from '@evmtrail/shared';
import {
  buildTestLog,
  encodeTestBundle,
  flipHex,
  tamperEntryText,
  testCheckpoint,
  testLogBundle,
  TEST_LOG_VKEY,
} from '@evmtrail/shared/testing';
import { afterAll, describe, expect, it } from 'vitest';

const API_DIR = fileURLToPath(new URL('..', import.meta.url));
const ORIGIN = 'evm-custody.test/GE2029/D0009';
const WITNESS = 'witness.test/observer-1';

/** Five entries from one device, chained, signed and cosigned. */
function buildBundleText(): { text: string; rootHex: string; logVkey: string } {
  const log = buildTestLog({
    origin: ORIGIN,
    key: 'verify cli test log key (test only)',
    size: 5,
    draft: (i) => ({
      type: 'MOVE', units: [`BU-00010${i}`], from: 'WH-D0009-01', to: 'SR-AC001', actor: 'OFF-D0009-0001',
      seals: [`PINK-000000${i}`], dev: 'TAB-D0009-01',
    }),
    at: (i) => new Date(`2029-04-0${i + 1}T09:00:00+05:30`),
    witnesses: [{ name: WITNESS, seed: sha256(utf8Encode('verify cli test witness key (test only)')), timestamp: 1_870_000_000 }],
  });
  return { text: encodeBundle(log.bundle), rootHex: log.rootHex, logVkey: log.key.vkey };
}

const dir = mkdtempSync(join(tmpdir(), 'evmtrail-verify-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `tsx src/cli/verify.ts` from apps/api, as `pnpm verify` does. */
function runCli(args: string[], initCwd?: string): { status: number | null; stdout: string; stderr: string } {
  const { INIT_CWD: _inherited, ...inherited } = process.env;
  const env = initCwd === undefined ? inherited : { ...inherited, INIT_CWD: initCwd };
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/verify.ts', ...args], {
    cwd: API_DIR,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('pnpm verify <bundle>', () => {
  const { text, rootHex, logVkey: LOG_VKEY } = buildBundleText();
  const goodPath = join(dir, 'good.json');
  writeFileSync(goodPath, text);

  it('prints OK and exits 0 for a good bundle (relative path resolved against INIT_CWD)', () => {
    const result = runCli(['good.json', '--trust', LOG_VKEY], dir);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`OK: ${ORIGIN}, 5 entries, root ${rootHex}, signed by ${ORIGIN}, cosigned by ${WITNESS}\n`);
    expect(result.status).toBe(0);
  });

  it('prints FAIL and exits 1 when one byte changes', () => {
    const bytes = readFileSync(goodPath);
    const at = bytes.indexOf('2029-04-03T09:00:00');
    expect(at).toBeGreaterThan(0);
    bytes[at + '2029-04-03T0'.length] = '8'.charCodeAt(0); // entry 2: 09:00 -> 08:00
    const badPath = join(dir, 'bad.json');
    writeFileSync(badPath, bytes);
    const result = runCli([badPath]);
    expect(result.stdout).toMatch(/^FAIL: entry 3: device TAB-D0009-01: devPrev [0-9a-f]{64} is not the leaf hash/);
    expect(result.status).toBe(1);
  });

  it('prints FAIL for an untrusted log key', () => {
    const result = runCli([goodPath, `--trust=${formatVkey(ORIGIN, publicKeyFromSeed(new Uint8Array(32)))}`]);
    expect(result.stdout).toMatch(/^FAIL: log key .* is not one of the trusted log keys\n$/);
    expect(result.status).toBe(1);
  });

  it('exits 2 on a usage error or a missing file', () => {
    expect(runCli([]).status).toBe(2);
    expect(runCli([goodPath, '--trust']).status).toBe(2);
    const missing = runCli([join(dir, 'missing.json')]);
    expect(missing.stderr).toMatch(/cannot read/);
    expect(missing.status).toBe(2);
  });
});

describe('pnpm verify names the entry or node at fault (evmtrail-log-bundle/2)', () => {
  const SIZE = 13;
  function write(name: string, text: string): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  }

  it('a changed last entry: names the entry, not only the root', () => {
    const parts = testLogBundle(SIZE);
    tamperEntryText(parts.texts, SIZE - 1);
    const result = runCli([write('last.json', encodeTestBundle(parts))]);
    expect(result.stdout).toBe('FAIL: entry 12: the entry has been changed: its text no longer gives the leaf hash the signed checkpoint covers\n');
    expect(result.status).toBe(1);
  });

  it('a changed entry in the middle: names that entry, not the next one on its device', () => {
    const parts = testLogBundle(SIZE);
    tamperEntryText(parts.texts, 5);
    expect(runCli([write('middle.json', encodeTestBundle(parts))]).stdout).toMatch(/^FAIL: entry 5: the entry has been changed/);
  });

  it('a changed stored leaf hash: names the entry and says its text is intact', () => {
    const parts = testLogBundle(SIZE);
    parts.leafHashes[7] = flipHex(parts.leafHashes[7] ?? '');
    const result = runCli([write('leaf.json', encodeTestBundle(parts))]);
    expect(result.stdout).toMatch(/^FAIL: entry 7: the stored leaf hash [0-9a-f]{64} has been changed; the entry text itself is intact\n$/);
    expect(result.status).toBe(1);
  });

  it.each([[0, 4], [2, 1]])('a changed stored Merkle node: names level %i index %i', (level, index) => {
    const parts = testLogBundle(SIZE);
    const row = parts.nodes[level] ?? [];
    row[index] = flipHex(row[index] ?? '');
    const result = runCli([write(`node-${level}-${index}.json`, encodeTestBundle(parts))]);
    expect(result.stdout).toBe(`FAIL: Merkle node level ${level} index ${index} has been changed: it is not the hash of the entries below it\n`);
    expect(result.status).toBe(1);
  });

  it('a rolled-back head: a saved checkpoint bigger than the bundle is a fork', () => {
    const saved = write('saved-17.txt', testLogBundle(SIZE + 4).checkpoint);
    const bundle = write('rolled-back.json', encodeTestBundle(testLogBundle(SIZE)));
    const result = runCli([bundle, '--checkpoint', saved]);
    expect(result.stdout).toBe(`FAIL: fork: saved checkpoint ${saved} was signed at size 17, but the bundle holds only 13 entries: the log was rolled back\n`);
    expect(result.status).toBe(1);
  });

  it('a saved checkpoint of the same size with another root is a fork; JSON from log.checkpoint is read too', () => {
    const other = testLogBundle(SIZE);
    tamperEntryText(other.texts, 2);
    write('same-size.json', encodeTestBundle(testLogBundle(SIZE)));
    write('other.json', JSON.stringify({ size: SIZE, note: testCheckpoint(other.texts) }));
    const result = runCli(['same-size.json', '--checkpoint=other.json'], dir);
    expect(result.stdout).toMatch(/^FAIL: fork: saved checkpoint other.json signed root [0-9a-f]{64} at size 13, but the bundle, of the same size, give root/);
  });

  it('OK when the bundle extends every saved checkpoint', () => {
    const parts = testLogBundle(SIZE);
    write('same-size.json', encodeTestBundle(parts));
    write('five.txt', testCheckpoint(parts.texts, 5));
    const result = runCli(['same-size.json', '--checkpoint', 'five.txt', '--checkpoint', 'five.txt', '--trust', TEST_LOG_VKEY], dir);
    expect(result.stdout).toMatch(/^OK: .* 13 entries, .*; extends 2 saved checkpoint\(s\)\n$/);
    expect(result.status).toBe(0);
  });
});
