import type { ScanResult } from '@evmtrail/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/status';
import { useTRPC } from '../../lib/trpc';

/**
 * Typed serials against a stocktake, one fresh idempotency key per scan. Stands in for the
 * scanning panel (features/scan, ScanPanel) until it lands: swapping it in is this one component.
 */
export function StocktakeScan({ districtId, stocktakeId }: { districtId: number; stocktakeId: number }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [serial, setSerial] = useState('');
  const [last, setLast] = useState<ScanResult | null>(null);
  const record = useMutation(trpc.scan.record.mutationOptions({
    onSuccess: (result) => {
      setLast(result);
      setSerial('');
      void queryClient.invalidateQueries({ queryKey: trpc.stocktake.byId.queryKey({ districtId, stocktakeId }) });
    },
  }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (serial.trim() === '') return;
    record.mutate({
      districtId, task: { kind: 'stocktake', id: stocktakeId }, serial: serial.trim(),
      key: crypto.randomUUID(), scannedAt: new Date().toISOString(), via: 'typed',
    });
  };
  return (
    <form className="panel record-form" onSubmit={submit} aria-label={t('stocktakes.scan.title')}>
      <h2>{t('stocktakes.scan.title')}</h2>
      <div className="filters">
        <label className="field field-grow">
          <span>{t('stocktakes.scan.serial')}</span>
          <input value={serial} onChange={(e) => setSerial(e.target.value)} autoComplete="off" autoCapitalize="characters" />
        </label>
        <button type="submit" className="button-primary" disabled={record.isPending}>{t('stocktakes.scan.record')}</button>
      </div>
      {record.isError && <ErrorAlert error={record.error} />}
      {last && (
        <p className={`alert scan-${last.outcome}`} role="status" data-outcome={last.outcome}>
          <strong>{t(`stocktakes.outcomes.${last.outcome}`)}</strong> · {last.serial}
          {last.unit && last.outcome === 'wrong_place' ? ` · ${t('stocktakes.recordedAt', { place: last.unit.locationName })}` : ''}
        </p>
      )}
    </form>
  );
}
