/**
 * Keyboard-wedge barcode scanners type a serial as a burst of keystrokes and press Enter.
 * A human types far slower than MAX_GAP_MS between keys, so a fast burst of at least
 * MIN_LENGTH characters ending in Enter is a scan.
 */
export const MAX_GAP_MS = 50;
export const MIN_LENGTH = 4;

export interface WedgeScanner {
  /** Feed one key; returns the scanned text when this key completes a scan. */
  readonly key: (key: string, timeMs: number) => string | null;
}

export function createWedgeScanner(): WedgeScanner {
  let buffer = '';
  let last = Number.NEGATIVE_INFINITY;
  return {
    key(key, timeMs) {
      const fast = timeMs - last <= MAX_GAP_MS;
      last = timeMs;
      if (key === 'Enter') {
        const scanned = fast && buffer.length >= MIN_LENGTH ? buffer : null;
        buffer = '';
        return scanned;
      }
      if (key.length !== 1) {
        buffer = '';
        return null;
      }
      buffer = fast ? buffer + key : key;
      return null;
    },
  };
}

/** Serials are printed in capitals; scanners and people may send either case or stray spaces. */
export function normaliseSerial(raw: string): string {
  return raw.trim().toUpperCase();
}
