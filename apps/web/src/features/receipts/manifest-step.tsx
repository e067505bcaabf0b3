import type { ManifestReport } from '@evmtrail/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/status';
import { ProgressBar } from '../../components/progress-bar';
import { formatCount } from '../../lib/format';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import { manifestChunks } from './manifest-chunks';

/** A draft receipt: upload the maker's CSV in chunks, read the validation report, accept. */
export function ManifestStep({ districtId, receiptId }: { districtId: number; receiptId: number }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [report, setReport] = useState<ManifestReport | null>(null);
  const [exclude, setExclude] = useState(false);
  const upload = useMutation({
    mutationFn: async (file: File) => {
      setReport(null);
      const chunks = manifestChunks(await file.text());
      const lines = chunks.reduce((n, c) => n + c.text.split('\n').length, 0);
      setProgress({ done: 0, total: lines });
      let done = 0;
      for (const chunk of chunks) {
        await client.receipt.uploadChunk.mutate({ districtId, receiptId, firstLine: chunk.firstLine, text: chunk.text });
        done += chunk.text.split('\n').length;
        setProgress({ done, total: lines });
      }
      return client.receipt.validate.query({ districtId, receiptId });
    },
    onSuccess: (r) => { setReport(r); setExclude(false); },
  });
  const accept = useMutation(trpc.receipt.accept.mutationOptions({
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.receipt.pathKey() }),
  }));
  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) upload.mutate(file);
  };
  const problemLines = report ? report.lines - report.clean : 0;
  return (
    <div className="panel record-form">
      <h2>{t('receipts.manifest.title')}</h2>
      <p className="hint">{t('receipts.manifest.hint')}</p>
      <label className="field">
        <span>{t('receipts.manifest.file')}</span>
        <input type="file" accept=".csv,text/csv" onChange={onFile} disabled={upload.isPending || accept.isPending} />
      </label>
      {progress && <ProgressBar label={t('receipts.manifest.progress')} value={progress.done} max={progress.total} />}
      {upload.isError && <ErrorAlert error={upload.error} />}
      {report && <ReportView report={report} />}
      {report && problemLines > 0 && (
        <label className="field">
          <span>
            <input type="checkbox" checked={exclude} onChange={(e) => setExclude(e.target.checked)} />{' '}
            {t('receipts.manifest.exclude', { count: problemLines, n: formatCount(problemLines) })}
          </span>
        </label>
      )}
      {accept.isError && <ErrorAlert error={accept.error} />}
      {report && (
        <button
          type="button"
          className="button-primary"
          disabled={accept.isPending || report.clean === 0 || (problemLines > 0 && !exclude)}
          onClick={() => accept.mutate({ districtId, receiptId, excludeProblemLines: exclude })}
        >
          {t('receipts.manifest.accept', { count: report.clean, n: formatCount(report.clean) })}
        </button>
      )}
    </div>
  );
}

function ReportView({ report }: { report: ManifestReport }) {
  const { t } = useTranslation();
  if (report.total === 0) {
    return <p className="alert" role="status">{t('receipts.manifest.clean', { n: formatCount(report.lines) })}</p>;
  }
  return (
    <>
      <p role="status">{t('receipts.manifest.summary', { lines: formatCount(report.lines), clean: formatCount(report.clean), problems: formatCount(report.total) })}</p>
      <div className="table-wrap table-scroll">
        <table className="data-table">
          <caption>{t('receipts.manifest.reportCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('receipts.manifest.line')}</th>
              <th scope="col">{t('receipts.manifest.serial')}</th>
              <th scope="col">{t('receipts.manifest.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {report.problems.map((p) => (
              <tr key={`${p.line}-${p.type}`}>
                <td>{p.line}</td>
                <td className="break">{p.serial}</td>
                <td>{t(`receipts.problems.${p.type}`, { other: p.otherLine ?? '', where: p.locationName ?? '', expected: p.expected ?? '', found: p.found ?? '' })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.total > report.problems.length && <p className="hint">{t('receipts.manifest.more', { n: formatCount(report.total - report.problems.length) })}</p>}
    </>
  );
}
