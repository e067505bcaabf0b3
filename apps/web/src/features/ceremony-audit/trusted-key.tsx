import { parseVkey } from '@evmtrail/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

/*
 * The district log's key the trail is verified with. By default the one the api serves; an
 * observer who was given the key on paper at the parties' meeting (EVMLOG/1: vkeys are handed out
 * out of band) enters it once, and this device then verifies with that key only.
 */

const storageKey = (origin: string) => `evmtrail.trustedVkey.${origin}`;

export function readTrustedKey(origin: string): string | null {
  try {
    return globalThis.localStorage.getItem(storageKey(origin));
  } catch {
    return null;
  }
}

export function TrustedKey({ origin, served, trusted, onChange }: { origin: string; served: string; trusted: string | null; onChange: (key: string | null) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const save = (e: FormEvent) => {
    e.preventDefault();
    const key = text.trim();
    const parsed = parseVkey(key);
    if (!parsed.ok) {
      setProblem(t('audit.trail.badKey', { problem: parsed.error.message }));
      return;
    }
    globalThis.localStorage.setItem(storageKey(origin), key);
    setProblem(null);
    setText('');
    onChange(key);
  };
  const forget = () => {
    globalThis.localStorage.removeItem(storageKey(origin));
    onChange(null);
  };
  return (
    <div className="trusted-key" data-testid="trusted-key">
      <p className="hint">
        {trusted === null ? t('audit.trail.keyServed') : t('audit.trail.keyPinned')} <code className="break">{trusted ?? served}</code>
      </p>
      {trusted !== null && trusted !== served && <p className="alert alert-error" role="alert">{t('audit.trail.keyDiffers', { served })}</p>}
      {trusted === null ? (
        <details>
          <summary>{t('audit.trail.pinTitle')}</summary>
          <form onSubmit={save} noValidate>
            <label className="field"><span>{t('audit.trail.pinLabel')}</span><input name="vkey" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" spellCheck={false} /></label>
            {problem !== null && <p className="alert alert-error" role="alert">{problem}</p>}
            <button type="submit">{t('audit.trail.pinButton')}</button>
          </form>
        </details>
      ) : (
        <button type="button" onClick={forget}>{t('audit.trail.unpinButton')}</button>
      )}
    </div>
  );
}
