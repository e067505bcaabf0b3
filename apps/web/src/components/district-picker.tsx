import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { useSession } from '../app/session';
import { useTRPC } from '../lib/trpc';
import { useLocalName } from '../lib/use-local-name';

/**
 * Lets a state- or nation-level user choose which district a page shows, from the districts of
 * their jurisdiction. District users never see it: their district is fixed by their jurisdiction.
 */
export function DistrictPicker({ allowAll = false }: { allowAll?: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { canPickDistrict, districtId, setDistrictId } = useSession();
  const districts = useQuery({ ...trpc.district.list.queryOptions({}), enabled: canPickDistrict });
  const localName = useLocalName();
  if (!canPickDistrict) return null;

  return (
    <form className="district-picker" aria-label={t('district.pickerLabel')} onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('district.pickerLabel')}
        <select
          value={districtId === null ? '' : String(districtId)}
          onChange={(e) => setDistrictId(e.target.value === '' ? null : Number(e.target.value))}
          disabled={!districts.data}
        >
          <option value="" disabled={!allowAll}>{allowAll ? t('district.allPlaceholder') : t('district.pickFirst')}</option>
          {(districts.data ?? []).map((d) => (
            <option key={d.id} value={d.id}>
              {localName(d)} ({d.stateName})
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}
