/**
 * Keyboard-wedge barcode scanners type a serial as a burst of keystrokes and press Enter.
 *
 * A scan is the run of at least MIN_LENGTH characters just before Enter in which no two keys
 * are more than MAX_GAP_MS apart and the typical (median) gap is at most SCAN_GAP_MS. The
 * median rather than every gap: a busy page or a slow USB poll now and then holds one key back
 * for a moment, and the scan must still come out whole. A person types far slower than
 * SCAN_GAP_MS between most keys, so their typing is never taken for a scan.
 */
export const SCAN_GAP_MS = 35;
export const MAX_GAP_MS = 500;
export const MIN_LENGTH = 4;
/** Longer runs are not serials; the buffer never grows past this. */
const MAX_LENGTH = 64;

export interface WedgeScanner {
  /** Feed one key; returns the scanned text when this key completes a scan. */
  readonly key: (key: string, timeMs: number) => string | null;
}

export function createWedgeScanner(): WedgeScanner {
  let chars: string[] = [];
  /** Gap before each character, and the time of the last key. */
  let gaps: number[] = [];
  let last = Number.NEGATIVE_INFINITY;
  function reset() {
    chars = [];
    gaps = [];
  }
  return {
    key(key, timeMs) {
      const gap = timeMs - last;
      last = timeMs;
      if (gap > MAX_GAP_MS) reset();
      if (key === 'Enter') {
        const scanned = chars.length >= MIN_LENGTH && median([...gaps.slice(1), gap]) <= SCAN_GAP_MS ? chars.join('') : null;
        reset();
        return scanned;
      }
      if (key.length !== 1) {
        reset();
        return null;
      }
      chars.push(key);
      gaps.push(gap);
      if (chars.length > MAX_LENGTH) {
        chars.shift();
        gaps.shift();
      }
      return null;
    },
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.POSITIVE_INFINITY;
}

/** Serials are printed in capitals; scanners and people may send either case or stray spaces. */
export function normaliseSerial(raw: string): string {
  return raw.trim().toUpperCase();
}
