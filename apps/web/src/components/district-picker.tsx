import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../app/session';

/**
 * Lets a state- or nation-level user choose which district a page shows. District users never
 * see it: their district is fixed by their jurisdiction.
 */
export function DistrictPicker({ allowAll = false }: { allowAll?: boolean }) {
  const { t } = useTranslation();
  const { canPickDistrict, districtId, setDistrictId } = useSession();
  const [draft, setDraft] = useState(districtId === null ? '' : String(districtId));
  if (!canPickDistrict) return null;

  function submit(event: FormEvent) {
    event.preventDefault();
    const value = draft.trim();
    const id = Number(value);
    setDistrictId(value === '' || !Number.isInteger(id) || id <= 0 ? null : id);
  }

  return (
    <form className="district-picker" onSubmit={submit} aria-label={t('district.pickerLabel')}>
      <label>
        {t('district.idLabel')}
        <input
          type="number"
          min={1}
          inputMode="numeric"
          value={draft}
          placeholder={allowAll ? t('district.allPlaceholder') : ''}
          onChange={(e) => setDraft(e.target.value)}
        />
      </label>
      <button type="submit">{t('district.show')}</button>
    </form>
  );
}
