import type { VisibilityState } from '@tanstack/react-table';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COLUMN_IDS } from './unit-columns';

const STORAGE_KEY = 'evmtrail.units.columns';

function loadVisibility(): VisibilityState {
  try {
    const raw: unknown = JSON.parse(globalThis.localStorage.getItem(STORAGE_KEY) ?? '{}');
    if (raw === null || typeof raw !== 'object') return {};
    return Object.fromEntries(Object.entries(raw).filter(([k, v]) => (COLUMN_IDS as readonly string[]).includes(k) && typeof v === 'boolean'));
  } catch {
    return {};
  }
}

/** Which columns the list shows; remembered on this device. */
export function useColumnVisibility() {
  const [visibility, setVisibility] = useState<VisibilityState>(loadVisibility);
  const toggle = useCallback((id: string, shown: boolean) => {
    setVisibility((prev) => {
      const next = { ...prev, [id]: shown };
      try {
        globalThis.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      } catch {
        // Storage disabled: the choice lasts for this page.
      }
      return next;
    });
  }, []);
  return { visibility, toggle };
}

export function ColumnChooser({ visibility, onToggle }: { visibility: VisibilityState; onToggle: (id: string, shown: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <details className="column-chooser">
      <summary>{t('units.columns')}</summary>
      <fieldset>
        <legend className="visually-hidden">{t('units.columns')}</legend>
        {COLUMN_IDS.filter((id) => id !== 'serial').map((id) => (
          <label key={id}>
            <input type="checkbox" checked={visibility[id] !== false} onChange={(e) => onToggle(id, e.target.checked)} />
            {t(`units.col.${id}`)}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
