import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../lib/labels';
import { readLogEntry } from './log-entry';
import type { TimelineEntryInput, VerifyFailure, VerifyVerdict } from './verify-timeline';

function failureText(t: TFunction, failure: VerifyFailure, entries: readonly TimelineEntryInput[]): string {
  switch (failure.type) {
    case 'bad_signature':
      return t('verify.badSignature', { message: failure.message });
    case 'bad_checkpoint':
      return t('verify.badCheckpoint', { message: failure.message });
    case 'checkpoint_mismatch':
      return t('verify.checkpointMismatch', { field: t(`verify.field.${failure.field}`) });
    case 'leaf_hash_mismatch':
    case 'stored_leaf_hash_mismatch':
    case 'index_out_of_range':
    case 'bad_proof': {
      const entry = entries.find((e) => e.index === failure.index);
      const type = entry ? readLogEntry(entry.entry).type : '?';
      return t(`verify.${failure.type}`, { index: failure.index, type });
    }
  }
}

/** The green tick or red cross at the top of a unit page. */
export function VerifyBanner({ verdict, entries }: { verdict: VerifyVerdict; entries: readonly TimelineEntryInput[] }) {
  const { t } = useTranslation();
  if (verdict.ok) {
    return (
      <div className="verify verify-ok" role="status" data-testid="verify-banner" data-verified="true">
        <span className="verify-icon" aria-hidden="true">✓</span>
        <div>
          <strong>{t('verify.ok', { size: formatCount(verdict.size), origin: verdict.origin })}</strong>
          <p>{t('verify.okDetail', { count: verdict.entries })}</p>
        </div>
      </div>
    );
  }
  return (
    <div className="verify verify-bad" role="alert" data-testid="verify-banner" data-verified="false">
      <span className="verify-icon" aria-hidden="true">✗</span>
      <div>
        <strong>{t('verify.failed')}</strong>
        <p>{failureText(t, verdict.failure, entries)}</p>
      </div>
    </div>
  );
}
