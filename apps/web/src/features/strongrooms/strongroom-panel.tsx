import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../components/status';
import { formatIst } from '../../lib/format';
import { useTRPC, type RouterOutputs } from '../../lib/trpc';
import { CloseSessionForm } from './close-session-form';
import { OpenSessionForm } from './open-session-form';

export type StrongroomStatus = RouterOutputs['strongroom']['status'];

/** A strongroom's double lock: sealed or open, its key-holders, and the form the moment calls for. */
export function StrongroomPanel({ districtId, locationId }: { districtId: number; locationId: number }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const status = useQuery(trpc.strongroom.status.queryOptions({ districtId, locationId }));
  return (
    <section className="panel strongroom-panel" aria-labelledby="strongroom-title">
      <h2 id="strongroom-title">{t('strongroom.title')}</h2>
      {status.isPending && <Loading />}
      {status.isError && <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />}
      {status.data && <StrongroomState status={status.data} districtId={districtId} locationId={locationId} />}
    </section>
  );
}

function StrongroomState({ status, districtId, locationId }: { status: StrongroomStatus; districtId: number; locationId: number }) {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const holders = status.keyHolders;
  const isHolder = holders.some((h) => h.id === me.id);
  const session = status.openSession;
  return (
    <>
      <p className={status.open ? 'seal-status seal-open' : 'seal-status seal-sealed'} role="status" data-testid="strongroom-status">
        {status.open ? t('strongroom.open') : t('strongroom.sealed')}
      </p>
      <dl className="facts">
        <div className="fact-wide">
          <dt>{t('strongroom.keyHolders')}</dt>
          <dd>{holders.length > 0 ? holders.map((h) => `${h.displayName} (${h.username})`).join(' · ') : t('strongroom.noKeyHolders')}</dd>
        </div>
        {session && (
          <div className="fact-wide">
            <dt>{t('strongroom.openSince')}</dt>
            <dd>
              {t('strongroom.openedBy', { n: session.id, when: formatIst(session.openedAt, i18n.language), first: session.openedBy.displayName, second: session.secondKeyHolder.displayName })}
            </dd>
          </div>
        )}
        {!session && status.lastClosed && (
          <div className="fact-wide">
            <dt>{t('strongroom.lastSeals')}</dt>
            <dd className="mono">{status.lastClosed.sealsApplied?.join(', ')}</dd>
          </div>
        )}
      </dl>
      <p>
        <Link to="/locations/$districtId/$locationId/logbook" params={{ districtId, locationId }}>
          {t('logbook.open')}
        </Link>
      </p>
      {!isHolder && <p className="hint">{t('strongroom.onlyHolders')}</p>}
      {isHolder && !status.open && <OpenSessionForm status={status} districtId={districtId} locationId={locationId} />}
      {isHolder && status.open && <CloseSessionForm districtId={districtId} locationId={locationId} />}
    </>
  );
}
