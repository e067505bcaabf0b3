import type { ScanSource } from '@evmtrail/shared';
import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createWedgeScanner } from '../units/wedge-scanner';

/**
 * The typed serial. A wedge scanner typing into this field is told from a person by the speed
 * of its keys, and the field's own Enter is the one scan (the page-wide listener skips fields).
 */
export function SerialForm({ onScan, invalid }: { onScan: (raw: string, via: ScanSource) => Promise<void>; invalid: string | null }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [wedge] = useState(createWedgeScanner);
  const lastVia = useRef<ScanSource>('typed');
  const inputId = useId();
  const errorId = useId();

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const burst = wedge.key(event.key, event.timeStamp);
    if (event.key === 'Enter') lastVia.current = burst === null ? 'typed' : 'wedge';
  }
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const field = input.current;
    if (!field || field.value.trim() === '') return;
    const raw = field.value;
    field.value = '';
    void onScan(raw, lastVia.current);
    lastVia.current = 'typed';
  }
  return (
    <form className="scan-form" onSubmit={onSubmit} noValidate>
      <label htmlFor={inputId}>{t('scan.serial')}</label>
      <div className="scan-entry">
        <input
          ref={input}
          id={inputId}
          className="mono"
          type="text"
          inputMode="text"
          autoCapitalize="characters"
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          enterKeyHint="send"
          aria-invalid={invalid !== null}
          aria-describedby={invalid !== null ? errorId : undefined}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="button-primary">
          {t('scan.add')}
        </button>
      </div>
      <p className="hint">{t('scan.hint')}</p>
      {invalid !== null && (
        <p id={errorId} className="field-error" role="alert">
          {t('scan.invalidSerial', { text: invalid })}
        </p>
      )}
    </form>
  );
}
