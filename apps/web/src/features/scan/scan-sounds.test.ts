import { SCAN_OUTCOMES } from '@evmtrail/shared';
import { describe, expect, it } from 'vitest';
import { createRepeatFilter } from './camera';
import { TONES } from './scan-sounds';

describe('scan sounds', () => {
  it('gives every outcome its own pattern of pitch, rhythm and length', () => {
    const sounds = [...SCAN_OUTCOMES, 'queued', 'refused'] as const;
    const patterns = sounds.map((s) => JSON.stringify(TONES[s]));
    expect(new Set(patterns).size).toBe(sounds.length);
    // Short enough for ten scans a second to stay apart: the good news is the shortest.
    const length = (s: (typeof sounds)[number]) => TONES[s].reduce((ms, tone) => ms + tone.ms, 0);
    expect(length('accepted')).toBeLessThan(100);
    for (const s of sounds) expect(length(s)).toBeLessThanOrEqual(400);
    // Trouble sounds low; a counted unit high.
    expect(Math.max(...TONES.wrong_state.map((t) => t.hz))).toBeLessThan(TONES.accepted[0]?.hz ?? 0);
  });
});

describe('camera repeat filter', () => {
  it('passes a code on once while it stays in view, and again after it was gone or another came', () => {
    const fresh = createRepeatFilter(2_500);
    expect(fresh('BU-000115', 0)).toBe(true);
    expect(fresh('BU-000115', 150)).toBe(false);
    expect(fresh('BU-000115', 2_600)).toBe(false);
    expect(fresh('CU-000204', 2_700)).toBe(true);
    expect(fresh('BU-000115', 2_800)).toBe(true);
    expect(fresh('BU-000115', 5_400)).toBe(true);
  });
});
