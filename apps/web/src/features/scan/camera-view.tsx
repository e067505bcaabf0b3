import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CameraError, createRepeatFilter, startCamera, type CameraFailure } from './camera';

/** The camera button and, while open, the live view that reads Code 128 and QR codes. */
export function CameraView({ onScan }: { onScan: (text: string) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [failure, setFailure] = useState<CameraFailure | null>(null);
  return (
    <div className="scan-camera">
      <button
        type="button"
        className="scan-camera-button"
        aria-expanded={open}
        onClick={() => {
          setFailure(null);
          setOpen((o) => !o);
        }}
      >
        <span aria-hidden="true">▣ </span>
        {open ? t('scan.camera.close') : t('scan.camera.open')}
      </button>
      {open && (
        <LiveCamera
          onScan={onScan}
          onFailure={(f) => {
            setFailure(f);
            setOpen(false);
          }}
        />
      )}
      {failure && (
        <p className="alert alert-error" role="alert">
          {t(`scan.camera.${failure}`)}
        </p>
      )}
    </div>
  );
}

function LiveCamera({ onScan, onFailure }: { onScan: (text: string) => void; onFailure: (f: CameraFailure) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [starting, setStarting] = useState(true);
  const handlers = useRef({ onScan, onFailure });
  useEffect(() => {
    handlers.current = { onScan, onFailure };
  }, [onScan, onFailure]);

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    let stop: (() => void) | null = null;
    let cancelled = false;
    const fresh = createRepeatFilter();
    startCamera(element, (text) => {
      if (fresh(text, performance.now())) handlers.current.onScan(text);
    }).then(
      (s) => {
        if (cancelled) s();
        else {
          stop = s;
          setStarting(false);
        }
      },
      (error: unknown) => {
        if (!cancelled) handlers.current.onFailure(error instanceof CameraError ? error.reason : 'failed');
      },
    );
    return () => {
      cancelled = true;
      stop?.();
    };
  }, []);

  return (
    <figure className="scan-video">
      <video ref={video} muted playsInline aria-label={t('scan.camera.label')} />
      <figcaption className="hint">{starting ? t('scan.camera.starting') : t('scan.camera.hint')}</figcaption>
    </figure>
  );
}
