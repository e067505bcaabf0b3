import { SCAN_TASK_KINDS, type ScanTaskKind } from '@evmtrail/shared';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/page-title';
import { ScanPanel } from './scan-panel';

const MAX_ID = 2_147_483_647;

export function isScanTaskKind(kind: string): kind is ScanTaskKind {
  return (SCAN_TASK_KINDS as readonly string[]).includes(kind);
}

/** `/scan/$districtId/$kind/$id`: the scanning screen of one task, for any flow to link to. */
export function ScanPage(params: { districtId: string; kind: string; id: string }) {
  const { t } = useTranslation();
  const { kind } = params;
  const districtId = positiveId(params.districtId);
  const id = positiveId(params.id);
  const valid = isScanTaskKind(kind) && id !== null && districtId !== null;
  const heading = valid ? t(`scan.task.${kind}`, { id }) : t('scan.pageTitle');
  usePageTitle(heading);
  return (
    <section className="scan-page">
      <h1>{t('scan.pageTitle')}</h1>
      {valid ? (
        <ScanPanel key={`${districtId}/${kind}/${id}`} districtId={districtId} task={{ kind, id }} title={heading} />
      ) : (
        <p className="alert alert-error" role="alert">
          {t('scan.badTask', { kind, id: params.id })}
        </p>
      )}
    </section>
  );
}

function positiveId(text: string): number | null {
  const n = Number(text);
  return /^[1-9]\d*$/.test(text) && n <= MAX_ID ? n : null;
}
