import type { CeremonyStage } from '@evmtrail/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PdfLinks } from '../../components/pdf-links';
import { ErrorAlert } from '../../components/status';
import { useTRPC } from '../../lib/trpc';
import { downloadText } from '../log/download';

/**
 * The lists for parties of a finalised ceremony (issue 8 item 4): AC-wise after a first
 * randomisation, PS-wise after a second; the CSV (allocation.csv's lines with each ticket's first
 * 18 digits, under the code, the seed and sha256(allocation.csv)) and the PDF in each language.
 */
export function PartyLists({ districtId, ceremonyId, stage }: { districtId: number; ceremonyId: number; stage: CeremonyStage }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const client = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const which = stage === 'second' ? 'psWise' : 'acWise';
  const csv = async () => {
    setBusy(true);
    setError(null);
    try {
      const list = await client.fetchQuery(trpc.ceremony.partyList.queryOptions({ districtId, ceremonyId }, { staleTime: 0 }));
      downloadText(list.filename, list.csv, 'text/csv');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="party-lists" data-testid="party-lists">
      <h3>{t(`audit.partyLists.${which}`)}</h3>
      <p className="hint">{t('audit.partyLists.hint')}</p>
      <div className="button-row wrap">
        <button type="button" onClick={() => void csv()} disabled={busy}>{t('audit.partyLists.csv')}</button>
      </div>
      <PdfLinks label={t('audit.partyLists.pdf')} href={(lang) => `/pdf/ceremonies/${districtId}/${ceremonyId}-list.pdf?lang=${lang}`} />
      {error !== null && <ErrorAlert error={error} />}
    </div>
  );
}
