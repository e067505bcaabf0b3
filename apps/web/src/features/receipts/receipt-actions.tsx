import { PERMISSIONS, type ReceiptDetail, type ReceiptIssue } from '@evmtrail/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/status';
import { useTRPC } from '../../lib/trpc';
import { useUnsyncedCount } from '../scan/use-outbox';

function useRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: trpc.receipt.pathKey() });
}

/** Orphans and serial conflicts; the DEO resolves each (add an orphan, or return to the maker). */
export function IssuesPanel({ districtId, receipt }: { districtId: number; receipt: ReceiptDetail }) {
  const { t } = useTranslation();
  const { me } = useSession();
  if (receipt.issues.length === 0) return null;
  const mayResolve = receipt.status === 'receiving' && PERMISSIONS['receipt.resolve'].includes(me.role);
  return (
    <div className="panel">
      <h2>{t('receipts.issues.title')}</h2>
      <ul className="issue-list">
        {receipt.issues.map((issue) => (
          <li key={`${issue.kind}-${issue.serial}`} aria-label={`${t(`receipts.issues.${issue.kind}`)} ${issue.serial}`}>
            <strong>{t(`receipts.issues.${issue.kind}`)}</strong> · {issue.serial}
            {issue.line !== null && ` · ${t('receipts.manifest.line')} ${issue.line}`}
            {issue.resolution
              ? <p className="hint">{t(`receipts.issues.resolved.${issue.resolution}`, { by: issue.resolvedBy ?? '' })}: {issue.resolutionNote}</p>
              : mayResolve && <ResolveForm districtId={districtId} receiptId={receipt.id} issue={issue} />}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ResolveForm({ districtId, receiptId, issue }: { districtId: number; receiptId: number; issue: ReceiptIssue }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [note, setNote] = useState('');
  const [kind, setKind] = useState<'BU' | 'CU' | 'VVPAT'>(issue.serial.startsWith('CU') ? 'CU' : issue.serial.startsWith('VV') ? 'VVPAT' : 'BU');
  const [model, setModel] = useState<'M2' | 'M3'>('M3');
  const [year, setYear] = useState('2024');
  const resolve = useMutation(trpc.receipt.resolveIssue.mutationOptions({ onSuccess: refresh }));
  const base = { districtId, receiptId, serial: issue.serial, note };
  const returnToMaker = (e: FormEvent) => {
    e.preventDefault();
    resolve.mutate({ ...base, kind: issue.kind, resolution: 'returned_to_maker' });
  };
  const add = () => resolve.mutate({ ...base, kind: 'orphan', resolution: 'added', unitKind: kind, model, year: Number(year) });
  return (
    <form className="record-form" onSubmit={returnToMaker}>
      <label className="field">
        <span>{t('receipts.issues.note')}</span>
        <input value={note} onChange={(e) => setNote(e.target.value)} required maxLength={300} />
      </label>
      {issue.kind === 'orphan' && (
        <div className="field-pair">
          <label className="field"><span>{t('receipts.kind')}</span>
            <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
              <option value="BU">BU</option><option value="CU">CU</option><option value="VVPAT">VVPAT</option>
            </select>
          </label>
          <label className="field"><span>{t('receipts.model')}</span>
            <select value={model} onChange={(e) => setModel(e.target.value as typeof model)}>
              <option value="M3">M3</option><option value="M2">M2</option>
            </select>
          </label>
          <label className="field"><span>{t('receipts.year')}</span>
            <input value={year} onChange={(e) => setYear(e.target.value)} inputMode="numeric" maxLength={4} />
          </label>
        </div>
      )}
      {resolve.isError && <ErrorAlert error={resolve.error} />}
      <div className="filters">
        {issue.kind === 'orphan' && <button type="button" className="button-primary" disabled={resolve.isPending || note.trim() === ''} onClick={add}>{t('receipts.issues.add')}</button>}
        <button type="submit" disabled={resolve.isPending}>{t('receipts.issues.return')}</button>
      </div>
    </form>
  );
}

/** Report what never came as missing, then complete (refused while anything is open). */
export function CloseActions({ districtId, receipt }: { districtId: number; receipt: ReceiptDetail }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [reason, setReason] = useState('');
  const missing = useMutation(trpc.receipt.reportMissing.mutationOptions({ onSuccess: refresh }));
  const complete = useMutation(trpc.receipt.complete.mutationOptions({
    onSuccess: () => { refresh(); toast.success(t('receipts.completed', { ref: receipt.orderRef })); },
  }));
  const outstanding = receipt.expected - receipt.received - receipt.missing;
  // Scans still waiting on this device: the server refuses to complete while any are.
  const unsyncedScans = useUnsyncedCount({ kind: 'receipt', id: receipt.id }, districtId);
  const report = (e: FormEvent) => {
    e.preventDefault();
    missing.mutate({ districtId, receiptId: receipt.id, reason });
  };
  return (
    <div className="panel record-form">
      <h2>{t('receipts.close.title')}</h2>
      {outstanding > 0 && (
        <form onSubmit={report} className="filters" aria-label={t('receipts.close.reportMissing')}>
          <label className="field field-grow">
            <span>{t('receipts.close.reason')}</span>
            <input value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={300} />
          </label>
          <button type="submit" disabled={missing.isPending}>{t('receipts.close.reportMissing')}</button>
        </form>
      )}
      {missing.isError && <ErrorAlert error={missing.error} />}
      {complete.isError && <ErrorAlert error={complete.error} />}
      <button type="button" className="button-primary" disabled={complete.isPending}
        onClick={() => complete.mutate({ districtId, receiptId: receipt.id, unsyncedScans })}>
        {t('receipts.close.complete')}
      </button>
    </div>
  );
}
