import { describe, expect, it } from 'vitest';
import {
  describeDrawCheck,
  encodeRandBundle,
  firstDifference,
  isRandBundleText,
  parseRandBundle,
  randFilePath,
  verifyRandomisation,
  type PublishedDraw,
} from '../../src/rand/index.ts';
import { EVMRAND, type StageVector } from './vectors.ts';

function draw(code: string, v: StageVector): PublishedDraw {
  return { code, poolCsv: v.pool_csv, demandCsv: v.demand_csv, seed: v.seed, allocationCsv: v.allocation_csv, ceremony: { code, dice: v.dice_digits } };
}

const first = draw('R1-D0412-1', EVMRAND.first_randomisation);
const second = draw('R2-AC-210-1', EVMRAND.second_randomisation);

describe('randomisation bundle', () => {
  it('lays each draw out as randomisations/<code>/{pool.csv, demand.csv, seed.txt, allocation.csv, ceremony.json} and reads it back', () => {
    const text = encodeRandBundle([second, first]);
    expect(isRandBundleText(text)).toBe(true);
    const files = (JSON.parse(text) as { files: Record<string, string> }).files;
    expect(Object.keys(files).filter((p) => p.startsWith('randomisations/R1-D0412-1/')).sort()).toEqual(
      ['allocation.csv', 'ceremony.json', 'demand.csv', 'pool.csv', 'seed.txt'].map((n) => `randomisations/R1-D0412-1/${n}`),
    );
    expect(files[randFilePath('R1-D0412-1', 'allocation.csv')]).toBe(EVMRAND.first_randomisation.allocation_csv);
    const back = parseRandBundle(text);
    expect(back.ok && back.value.map((d) => [d.code, d.seed, d.allocationCsv === (d.code === first.code ? first : second).allocationCsv])).toEqual([
      ['R1-D0412-1', first.seed, true],
      ['R2-AC-210-1', second.seed, true],
    ]);
    expect(encodeRandBundle([first, second])).toBe(text);
  });

  it('a faithful draw recomputes to the same bytes', () => {
    for (const d of [first, second]) {
      const c = verifyRandomisation(d);
      expect(c.matches).toBe(true);
      expect(c.recomputedCsv).toBe(d.allocationCsv);
      expect(c.recomputedHash).toBe(c.publishedHash);
      expect(describeDrawCheck(c)).toMatch(/^OK: randomisation /);
    }
  });

  it('a tampered allocation.csv (two units swapped) is reported with its first differing line', () => {
    const lines = first.allocationCsv.split('\n');
    const i = lines.findIndex((l, k) => k > 0 && l.split(',')[1] !== lines[k - 1]?.split(',')[1] && l.split(',')[0] === lines[k - 1]?.split(',')[0]);
    expect(i).toBeGreaterThan(0);
    const a = lines[i - 1] ?? '';
    const b = lines[i] ?? '';
    const swapped = [...lines];
    swapped[i - 1] = `${a.split(',').slice(0, 2).join(',')},${b.split(',')[2]}`;
    swapped[i] = `${b.split(',').slice(0, 2).join(',')},${a.split(',')[2]}`;
    const c = verifyRandomisation({ ...first, allocationCsv: swapped.join('\n') });
    expect(c.matches).toBe(false);
    expect(c.firstDifference).toEqual({ line: i, published: swapped[i - 1], recomputed: a });
    expect(describeDrawCheck(c)).toContain(`first difference at line ${i}`);
  });

  it('a dropped last line and a changed seed are failures too', () => {
    const short = first.allocationCsv.slice(0, first.allocationCsv.lastIndexOf('\n', first.allocationCsv.length - 2) + 1);
    const c = verifyRandomisation({ ...first, allocationCsv: short });
    expect(c.matches).toBe(false);
    expect(c.firstDifference?.published).toBe('');
    const otherSeed = verifyRandomisation({ ...first, seed: first.seed.replace(/D=\d/, 'D=9') });
    expect(otherSeed.matches).toBe(false);
    const bad = verifyRandomisation({ ...first, poolCsv: first.poolCsv.replace('\n', '\r\n') });
    expect(bad.matches).toBe(false);
    expect(bad.problem).toBeTruthy();
    expect(describeDrawCheck(bad)).toMatch(/cannot be recomputed/);
  });

  it('a bundle missing a file or not JSON is refused, naming the ceremony', () => {
    const files = (JSON.parse(encodeRandBundle([first])) as { files: Record<string, string> }).files;
    delete files[randFilePath(first.code, 'seed.txt')];
    const r = parseRandBundle(JSON.stringify({ files }));
    expect(!r.ok && r.error.message).toBe('Randomisation R1-D0412-1 lacks seed.txt');
    expect(parseRandBundle('nope').ok).toBe(false);
  });

  it('firstDifference of equal texts is undefined', () => {
    expect(firstDifference('a\nb\n', 'a\nb\n')).toBeUndefined();
    expect(firstDifference('a\nb\n', 'a\nc\n')).toEqual({ line: 2, published: 'b', recomputed: 'c' });
  });
});
