import type { ScanOutcome } from '@evmtrail/shared';
import { useCallback, useSyncExternalStore } from 'react';

/** Every outcome has its own sound; `queued` is a scan kept offline, `refused` a refusal. */
export type ScanSound = ScanOutcome | 'queued' | 'refused';

export interface Tone {
  readonly hz: number;
  readonly ms: number;
  readonly wave: OscillatorType;
}

const beep = (hz: number, ms: number, wave: OscillatorType = 'sine'): Tone => ({ hz, ms, wave });
const REST = beep(0, 60);

/**
 * Short enough for ten scans a second; told apart by pitch, count and rhythm, not only by
 * pitch, so they can be told apart in a noisy warehouse: one high beep for a counted unit, low
 * buzzes for trouble.
 */
export const TONES: Readonly<Record<ScanSound, readonly Tone[]>> = {
  accepted: [beep(1320, 80)],
  duplicate: [beep(880, 60), REST, beep(880, 60)],
  wrong_place: [beep(660, 110, 'triangle'), beep(440, 160, 'triangle')],
  wrong_state: [beep(330, 260, 'square')],
  unknown_serial: [beep(220, 70, 'sawtooth'), REST, beep(220, 70, 'sawtooth'), REST, beep(220, 70, 'sawtooth')],
  orphan: [beep(523, 90), beep(784, 150)],
  queued: [beep(1760, 25)],
  refused: [beep(180, 380, 'square')],
};

const MUTE_KEY = 'evmtrail.scan.muted';
const muteListeners = new Set<() => void>();

function isMuted(): boolean {
  try {
    return localStorage.getItem(MUTE_KEY) === '1';
  } catch {
    return false;
  }
}

function setMuted(muted: boolean): void {
  try {
    if (muted) localStorage.setItem(MUTE_KEY, '1');
    else localStorage.removeItem(MUTE_KEY);
  } catch {
    // Storage disabled: the switch holds for this page only.
  }
  for (const l of muteListeners) l();
}

let audio: AudioContext | null = null;

/** Plays the tones with an oscillator; silent where the browser has no Web Audio. */
export function playTones(tones: readonly Tone[]): void {
  if (typeof AudioContext === 'undefined') return;
  audio ??= new AudioContext();
  const ctx = audio;
  if (ctx.state === 'suspended') void ctx.resume();
  let at = ctx.currentTime + 0.01;
  for (const tone of tones) {
    const seconds = tone.ms / 1000;
    if (tone.hz > 0) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = tone.wave;
      osc.frequency.value = tone.hz;
      // A quick fade in and out: no click at either end.
      gain.gain.setValueAtTime(0, at);
      gain.gain.linearRampToValueAtTime(0.25, at + 0.008);
      gain.gain.setValueAtTime(0.25, at + seconds - 0.015);
      gain.gain.linearRampToValueAtTime(0, at + seconds);
      osc.connect(gain).connect(ctx.destination);
      osc.start(at);
      osc.stop(at + seconds);
    }
    at += seconds;
  }
}

/** The sound switch (remembered on this device) and a player that respects it. */
export function useScanSound() {
  const muted = useSyncExternalStore(
    (onChange) => {
      muteListeners.add(onChange);
      return () => muteListeners.delete(onChange);
    },
    isMuted,
    () => false,
  );
  const play = useCallback((sound: ScanSound) => {
    if (!isMuted()) playTones(TONES[sound]);
  }, []);
  const toggle = useCallback(() => setMuted(!isMuted()), []);
  return { muted, toggle, play };
}
