import { describe, expect, it } from 'vitest';
import { createWedgeScanner, normaliseSerial } from './wedge-scanner';

function feed(keys: readonly [string, number][]) {
  const scanner = createWedgeScanner();
  return keys.map(([k, t]) => scanner.key(k, t)).filter((x) => x !== null);
}

describe('wedge scanner', () => {
  it('returns a fast burst of keys ending in Enter', () => {
    const burst = [...'CU-000204'].map((k, i): [string, number] => [k, 1000 + i * 8]);
    expect(feed([...burst, ['Enter', 1080]])).toEqual(['CU-000204']);
  });

  it('ignores human typing speed and short bursts', () => {
    const slow = [...'CU-000204'].map((k, i): [string, number] => [k, 1000 + i * 180]);
    expect(feed([...slow, ['Enter', 3000]])).toEqual([]);
    expect(feed([['A', 0], ['B', 5], ['C', 10], ['Enter', 15]])).toEqual([]);
  });

  it('starts a new burst after a pause, keeping only the fast part', () => {
    const keys: [string, number][] = [['x', 0], ['y', 400], ...[...'BU-1234'].map((k, i): [string, number] => [k, 1000 + i * 5]), ['Enter', 1040]];
    expect(feed(keys)).toEqual(['BU-1234']);
  });

  it('resets on non-character keys and after each Enter', () => {
    const scanner = createWedgeScanner();
    for (const [i, k] of [...'BU-12'].entries()) scanner.key(k, i * 5);
    scanner.key('Shift', 30);
    expect(scanner.key('Enter', 35)).toBeNull();
    expect(scanner.key('Enter', 40)).toBeNull();
  });

  it('keeps a scan whole when a key or two is held back by a busy page', () => {
    const times = [0, 120, 125, 130, 135, 290, 295, 300, 305];
    const burst = [...'BU-000108'].map((k, i): [string, number] => [k, 1000 + (times[i] ?? 0)]);
    expect(feed([...burst, ['Enter', 1310]])).toEqual(['BU-000108']);
  });

  it('never takes quick human typing for a scan', () => {
    const quick = [...'BU-000108'].map((k, i): [string, number] => [k, 1000 + i * 70]);
    expect(feed([...quick, ['Enter', 1000 + 9 * 70]])).toEqual([]);
  });

  it('takes ten scans a second, each whole, none doubled', () => {
    const keys: [string, number][] = [];
    const serials = [...Array(10).keys()].map((i) => `CU-${String(i).padStart(6, '0')}`);
    serials.forEach((serial, n) => {
      [...serial].forEach((k, i) => keys.push([k, n * 100 + i * 5]));
      keys.push(['Enter', n * 100 + 45]);
    });
    expect(feed(keys)).toEqual(serials);
  });

  it('normalises case and stray spaces', () => {
    expect(normaliseSerial('  bu-000115 \n')).toBe('BU-000115');
  });
});
