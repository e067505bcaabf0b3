import { sentenceValues } from '../../lib/describe-error';
import { stateLabel } from '../../lib/labels';
import type { ScanTaskKind } from '@evmtrail/shared';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { StoredError } from './outbox-store';
import type { RowState, ScanRow } from './scan-rows';

/** Each state has its own mark as well as its own colour and border, so colour is never all. */
export const ROW_ICONS: Readonly<Record<RowState, string>> = {
  accepted: '✓',
  duplicate: '×2',
  wrong_place: '⇄',
  wrong_state: '⊘',
  unknown_serial: '?',
  orphan: '+',
  pending: '◷',
  failed: '✕',
};

/** How many rows the list draws; the rest are counted. */
const SHOWN = 60;

/** Flows that name the outcomes in their own words (a receipt "Received", a stocktake "Found"). */
const FLOW_WORDS: Partial<Record<ScanTaskKind, string>> = { receipt: 'receipts.outcomes', stocktake: 'stocktakes.outcomes', flc: 'flc.outcomes', set_issue: 'sets.outcomes' };

/** The outcome in the flow's own words where it has them, else the scanning screen's. */
export function outcomeLabel(t: TFunction, row: Pick<ScanRow, 'state' | 'seenBefore'>, kind?: ScanTaskKind): string {
  const state = row.state === 'pending' && row.seenBefore ? 'duplicate' : row.state;
  const flow = kind ? FLOW_WORDS[kind] : undefined;
  return flow ? t([`${flow}.${state}`, `scan.outcome.${state}`]) : t(`scan.outcome.${state}`);
}

/** The sentence of a stored refusal or send failure, in the language shown now. */
export function storedErrorSentence(t: TFunction, error: StoredError): string {
  if (error.kind === 'network') return t('errors.network');
  if (error.kind === 'unknown') return error.message;
  return t(`errors.${error.kind}`, { ...sentenceValues(t, error.params), defaultValue: error.message });
}

function rowDetail(t: TFunction, row: ScanRow): string | null {
  const detail = outcomeDetail(t, row);
  if (!row.result?.replayed) return detail;
  return [detail, t('scan.detail.replayed')].filter((d) => d !== null).join(' ');
}

function outcomeDetail(t: TFunction, row: ScanRow): string | null {
  if (row.state === 'failed') return row.error ? storedErrorSentence(t, row.error) : null;
  if (row.state === 'pending') {
    if (row.error?.kind === 'network') return t('scan.detail.offline');
    if (row.error) return t('scan.detail.retrying', { reason: storedErrorSentence(t, row.error) });
    return row.seenBefore ? t('scan.detail.seenBefore') : null;
  }
  const unit = row.result?.unit;
  if (row.state === 'unknown_serial') return t('scan.detail.unknown');
  if (row.state === 'orphan') return t('scan.detail.orphan');
  if (!unit) return null;
  if (row.state === 'wrong_state') return t('scan.detail.state', { state: stateLabel(t, unit.state), place: unit.locationName });
  return t('scan.detail.at', { place: unit.locationName });
}

const TIME = new Map<string, Intl.DateTimeFormat>();

function formatTime(ts: string, language: string): string {
  const locale = `${language.slice(0, 2)}-IN`;
  let format = TIME.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Kolkata', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', numberingSystem: 'latn' });
    TIME.set(locale, format);
  }
  return format.format(new Date(ts));
}

export function ScanList({ rows, kind }: { rows: readonly ScanRow[]; kind?: ScanTaskKind }) {
  const { t, i18n } = useTranslation();
  if (rows.length === 0) return <p className="status-empty">{t('scan.empty')}</p>;
  return (
    <>
      <ol className="scan-list" aria-label={t('scan.recent')}>
        {rows.slice(0, SHOWN).map((row) => {
          const detail = rowDetail(t, row);
          return (
            <li key={row.key} className={`scan-row scan-${row.state}${row.seenBefore && row.state === 'pending' ? ' scan-seen' : ''}`} data-outcome={row.state}>
              <span className="scan-icon" aria-hidden="true">
                {ROW_ICONS[row.state]}
              </span>
              <span className="scan-serial mono">{row.serial}</span>
              <span className="scan-outcome">{outcomeLabel(t, row, kind)}</span>
              <time className="scan-time" dateTime={row.at}>
                {formatTime(row.at, i18n.language)}
                {row.via && <span className="scan-via"> · {t(`scan.via.${row.via}`)}</span>}
              </time>
              {row.state === 'pending' && row.seenBefore && <span className="scan-badge">{t('scan.outcome.pending')}</span>}
              {detail && <span className="scan-detail">{detail}</span>}
            </li>
          );
        })}
      </ol>
      {rows.length > SHOWN && <p className="hint">{t('scan.earlier', { count: rows.length - SHOWN })}</p>}
    </>
  );
}
