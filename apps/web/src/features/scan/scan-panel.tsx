import { UNIT_SERIAL_PATTERN, type FlcScanResult, type ScanResult, type ScanSource, type ScanTask } from '@evmtrail/shared';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../lib/format';
import { useTRPCClient } from '../../lib/trpc';
import { useWedgeScan } from '../units/use-wedge-scan';
import { normaliseSerial } from '../units/wedge-scanner';
import { CameraView } from './camera-view';
import { OutboxUnavailableError, taskKey } from './outbox';
import type { OutboxScan } from './outbox-store';
import { scanProcedures } from './scan-api';
import { SerialForm } from './serial-form';
import { outcomeLabel, ScanList } from './scan-list';
import { latestTally, scanRows } from './scan-rows';
import { useScanSound } from './scan-sounds';
import { ScanTallyView } from './scan-tally';
import { useOutbox, useTaskScans, useUnsyncedCount } from './use-outbox';

export interface ScanPanelProps {
  readonly districtId: number;
  readonly task: ScanTask;
  readonly title?: string;
  /** Each answer of the server to a scan of this task (a replayed one says `replayed`). */
  readonly onResult?: (result: ScanResult) => void;
  /** Shown as the expected count until the server has given its own. */
  readonly expected?: number;
  /** Off on a page that shows the task's own counts in its own words (a receipt, a stocktake). */
  readonly showTally?: boolean;
  /** FLC: the result each scan records (pass with its pink seal, or fail with a fault); no scan is taken while undefined. */
  readonly flc?: FlcScanResult | undefined;
  /** Shown instead of taking a scan while `flc` is not ready. */
  readonly notReady?: string;
  /** Called after a scan is kept on the device (the FLC page clears the seal for the next unit). */
  readonly onKept?: () => void;
}

/** An answer later than this after the scan makes no sound: it is a sync, not the scan in hand. */
const SOUND_WITHIN_MS = 5_000;
/** The wedge scanner's priority over the layout's "open this unit" while a panel is shown. */
const PANEL_PRIORITY = 1;

/**
 * The scanning screen every warehouse flow uses: a keyboard-wedge scan anywhere on the page, the
 * camera or a typed serial; each scan kept on the device first and sent when it can be; the
 * newest on top with its outcome in words, mark, colour and sound.
 */
export function ScanPanel({ districtId, task, title, onResult, expected, showTally = true, flc, notReady, onKept }: ScanPanelProps) {
  const { t } = useTranslation();
  const outbox = useOutbox();
  const sound = useScanSound();
  const local = useTaskScans(districtId, task);
  const unsynced = useUnsyncedCount(task, districtId);
  const history = useScanHistory(districtId, task);
  const rows = useMemo(() => scanRows(local, history), [local, history]);
  const tally = useMemo(() => latestTally(local, history), [local, history]);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [noStorage, setNoStorage] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  // Keys of the scans made on this panel: only their answers make a sound.
  const [mine] = useState(() => new Set<string>());
  const headingId = useId();

  useEffect(() => outbox.start(), [outbox]);
  useAnswers({ districtId, task, mine, onResult, play: sound.play, announce: setAnnouncement });

  const scan = useCallback(
    async (raw: string, via: ScanSource) => {
      const serial = normaliseSerial(raw);
      if (!UNIT_SERIAL_PATTERN.test(serial)) {
        setInvalid(raw.trim());
        sound.play('refused');
        return;
      }
      if (task.kind === 'flc' && !flc) {
        setInvalid(null);
        setAnnouncement(notReady ?? '');
        sound.play('refused');
        return;
      }
      setInvalid(null);
      let entry: OutboxScan;
      try {
        entry = await outbox.add({ districtId, task, serial, via, ...(flc ? { flc } : {}) });
      } catch (error) {
        if (!(error instanceof OutboxUnavailableError)) throw error;
        setNoStorage(true);
        sound.play('refused');
        return;
      }
      mine.add(entry.key);
      onKept?.();
      if (entry.seenBefore) sound.play('duplicate');
      else if (!navigator.onLine) sound.play('queued');
      setAnnouncement(t('scan.announce', { serial, outcome: outcomeLabel(t, { state: 'pending', seenBefore: entry.seenBefore }, task.kind) }));
    },
    [districtId, task, outbox, sound, t, mine, flc, notReady, onKept],
  );
  useWedgeScan((text) => void scan(text, 'wedge'), PANEL_PRIORITY);

  return (
    <section className="scan-panel" aria-labelledby={headingId}>
      <div className="scan-head">
        <h2 id={headingId}>{title ?? t(`scan.task.${task.kind}`, { id: task.id })}</h2>
        <button type="button" className="scan-sound" aria-pressed={!sound.muted} onClick={sound.toggle}>
          <span aria-hidden="true">{sound.muted ? '∅ ' : '♪ '}</span>
          {sound.muted ? t('scan.soundOff') : t('scan.soundOn')}
        </button>
      </div>
      <p className={`scan-sync ${unsynced > 0 ? 'scan-sync-waiting' : 'scan-sync-done'}`} data-unsynced={unsynced}>
        <span aria-hidden="true">{unsynced > 0 ? '◷ ' : '✓ '}</span>
        <strong>{t('scan.unsynced', { count: formatCount(unsynced) })}</strong>
        {unsynced > 0 ? <span className="scan-sync-note">{t('scan.unsyncedHint')}</span> : <span className="scan-sync-note">{t('scan.allSynced')}</span>}
      </p>
      {showTally && <ScanTallyView tally={tally} here={local.length} {...(expected !== undefined ? { expected } : {})} />}
      {noStorage && (
        <p className="alert alert-error" role="alert">
          {t('scan.noStorage')}
        </p>
      )}
      <SerialForm onScan={scan} invalid={invalid} />
      <CameraView onScan={(text) => void scan(text, 'camera')} />
      <h3>{t('scan.recent')}</h3>
      <ScanList rows={rows} kind={task.kind} />
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </section>
  );
}

/** The server's recent scans of the task, from every device (newest first). */
function useScanHistory(districtId: number, task: ScanTask): readonly ScanResult[] {
  const client = useTRPCClient();
  const query = useQuery({
    queryKey: ['scan', 'list', taskKey(districtId, task)],
    queryFn: () => scanProcedures(client).list.query({ districtId, task, limit: 100 }),
  });
  return query.data ?? NONE;
}
const NONE: readonly ScanResult[] = [];

interface AnswerOptions {
  readonly districtId: number;
  readonly task: ScanTask;
  readonly mine: ReadonlySet<string>;
  readonly onResult: ((result: ScanResult) => void) | undefined;
  readonly play: ReturnType<typeof useScanSound>['play'];
  readonly announce: (text: string) => void;
}

/** Sounds and announces each answer to a scan made here a moment ago, and passes results on. */
function useAnswers(options: AnswerOptions): void {
  const { t } = useTranslation();
  const outbox = useOutbox();
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const key = taskKey(options.districtId, options.task);
  const kind = options.task.kind;
  useEffect(
    () =>
      outbox.onAnswer((scan: OutboxScan) => {
        const { mine, onResult, play, announce } = latest.current;
        if (taskKey(scan.districtId, scan.task) !== key) return;
        if (scan.result) onResult?.(scan.result);
        if (!mine.has(scan.key) || Date.now() - Date.parse(scan.scannedAt) > SOUND_WITHIN_MS) return;
        const state = scan.result?.outcome ?? 'failed';
        if (!(scan.seenBefore && state === 'duplicate')) play(state === 'failed' ? 'refused' : state);
        announce(t('scan.announce', { serial: scan.serial, outcome: outcomeLabel(t, { state, seenBefore: false }, kind) }));
      }),
    [outbox, key, kind, t],
  );
}
