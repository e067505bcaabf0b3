import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../lib/describe-error';

/** How often a "database reconnecting" error asks again by itself. */
export const AUTO_RETRY_MS = 5_000;

/**
 * The one error component: a translated sentence from the api's `domainError` with the names a
 * person knows, technical detail behind "details", "Try again" only where trying again can help,
 * and a retry by itself when the network returns or the database reconnects.
 */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const described = describeError(t, error);
  useAutoRetry(described.retry === 'auto' ? described.kind : null, onRetry);
  return (
    <div className="alert alert-error" role="alert" data-error-kind={described.kind}>
      <span>{described.sentence}</span>
      {onRetry && described.retry !== 'none' && (
        <button type="button" className="button-link" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
      {described.details && (
        <details className="alert-details">
          <summary>{t('errors.details')}</summary>
          <pre>{described.details}</pre>
        </details>
      )}
    </div>
  );
}

function useAutoRetry(kind: string | null, onRetry: (() => void) | undefined) {
  const retry = useRef(onRetry);
  useEffect(() => {
    retry.current = onRetry;
  }, [onRetry]);
  useEffect(() => {
    if (kind === null) return;
    const again = () => retry.current?.();
    // The network coming back is the best moment; a timer covers a server that was down.
    window.addEventListener('online', again);
    const timer = window.setInterval(again, AUTO_RETRY_MS);
    return () => {
      window.removeEventListener('online', again);
      window.clearInterval(timer);
    };
  }, [kind]);
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="status-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="status-empty">{children}</p>;
}
