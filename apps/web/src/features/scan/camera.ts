/**
 * Reading serials through the camera: the browser's own BarcodeDetector where it has one for
 * Code 128 or QR (Chrome on Android, Safari), else ZXing, loaded only when a camera is opened.
 */

/** The part of the Shape Detection API used here (not yet in TypeScript's DOM types). */
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<readonly { rawValue: string }[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

const FORMATS = ['code_128', 'qr_code'];
const DETECT_EVERY_MS = 150;
const VIDEO: MediaStreamConstraints = { video: { facingMode: { ideal: 'environment' } }, audio: false };

export type CameraFailure = 'insecure' | 'denied' | 'no_camera' | 'failed';

export class CameraError extends Error {
  constructor(readonly reason: CameraFailure, cause?: unknown) {
    super(`camera ${reason}`, { cause });
  }
}

/** Starts the camera into `video` and calls `onText` with every code it reads; returns the stop. */
export async function startCamera(video: HTMLVideoElement, onText: (text: string) => void): Promise<() => void> {
  if (!('mediaDevices' in navigator) || typeof navigator.mediaDevices.getUserMedia !== 'function') throw new CameraError('insecure');
  try {
    const native = await nativeDetector();
    return native ? await startNative(native, video, onText) : await startZxing(video, onText);
  } catch (error) {
    throw error instanceof CameraError ? error : new CameraError(failureOf(error), error);
  }
}

function failureOf(error: unknown): CameraFailure {
  const name = error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'no_camera';
  return 'failed';
}

async function nativeDetector(): Promise<BarcodeDetectorLike | null> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  const supported = await Detector.getSupportedFormats();
  const formats = FORMATS.filter((f) => supported.includes(f));
  return formats.length > 0 ? new Detector({ formats }) : null;
}

async function startNative(detector: BarcodeDetectorLike, video: HTMLVideoElement, onText: (text: string) => void) {
  const stream = await navigator.mediaDevices.getUserMedia(VIDEO);
  video.srcObject = stream;
  await video.play();
  let busy = false;
  const timer = window.setInterval(() => {
    if (busy || video.readyState < 2) return;
    busy = true;
    detector
      .detect(video)
      .then((codes) => {
        const text = codes[0]?.rawValue;
        if (text) onText(text);
      })
      .catch(() => undefined)
      .finally(() => {
        busy = false;
      });
  }, DETECT_EVERY_MS);
  return () => {
    window.clearInterval(timer);
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
}

async function startZxing(video: HTMLVideoElement, onText: (text: string) => void) {
  const [{ BrowserMultiFormatReader }, { BarcodeFormat, DecodeHintType }] = await Promise.all([
    import('@zxing/browser'),
    import('@zxing/library'),
  ]);
  const hints = new Map<typeof DecodeHintType.POSSIBLE_FORMATS, unknown>([
    [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.CODE_128, BarcodeFormat.QR_CODE]],
  ]);
  const reader = new BrowserMultiFormatReader(hints, { delayBetweenScanAttempts: DETECT_EVERY_MS });
  const controls = await reader.decodeFromConstraints(VIDEO, video, (result) => {
    if (result) onText(result.getText());
  });
  return () => controls.stop();
}

/**
 * A code held in front of the camera is read many times a second: pass it on once, and again
 * only after it has been out of sight for `holdMs` (or another code came in between).
 */
export function createRepeatFilter(holdMs = 2_500): (text: string, nowMs: number) => boolean {
  let last = '';
  let lastSeen = Number.NEGATIVE_INFINITY;
  return (text, nowMs) => {
    const fresh = text !== last || nowMs - lastSeen > holdMs;
    last = text;
    lastSeen = nowMs;
    return fresh;
  };
}
