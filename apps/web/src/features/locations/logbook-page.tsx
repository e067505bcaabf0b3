import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/page-title';
import { labelsPdfHref, logbookPdfHref, PdfLinks } from '../../components/pdf-links';
import { Empty, ErrorAlert, Loading } from '../../components/status';
import { formatIst } from '../../lib/format';
import { eventLabel } from '../../lib/labels';
import { useTRPC, type RouterOutputs } from '../../lib/trpc';

const routeApi = getRouteApi('/locations/$districtId/$locationId/logbook');

type Logbook = RouterOutputs['location']['logbook'];

/** A place's logbook: strongroom sessions, then every custody-log entry in or out of it, newest first. */
export function LogbookPage() {
  const { t } = useTranslation();
  const { districtId, locationId } = routeApi.useParams();
  const trpc = useTRPC();
  const book = useQuery(trpc.location.logbook.queryOptions({ districtId, locationId }));
  const name = book.data?.strongroom.name;
  usePageTitle(name ? t('logbook.titleOf', { name }) : t('logbook.title'));
  return (
    <section aria-labelledby="logbook-title">
      <p className="crumbs">
        <Link to="/locations/$districtId/$locationId" params={{ districtId, locationId }}>
          ← {name ?? t('location.title')}
        </Link>
      </p>
      <h1 id="logbook-title">{name ? t('logbook.titleOf', { name }) : t('logbook.title')}</h1>
      <PdfLinks label={t('pdf.logbook')} href={(lang) => logbookPdfHref(districtId, locationId, lang)} />
      <PdfLinks label={t('pdf.labels')} href={(lang) => labelsPdfHref(districtId, locationId, lang)} />
      {book.isPending && <Loading />}
      {book.isError && <ErrorAlert error={book.error} onRetry={() => void book.refetch()} />}
      {book.data && <LogbookBody book={book.data} />}
    </section>
  );
}

function LogbookBody({ book }: { book: Logbook }) {
  const { t } = useTranslation();
  return (
    <>
      {book.strongroom.kind === 'strongroom' && (
        <>
          <h2>{t('logbook.sessions')}</h2>
          {book.sessions.length === 0 ? <Empty>{t('logbook.noSessions')}</Empty> : <Sessions sessions={book.sessions} />}
        </>
      )}
      <h2>{t('logbook.entries')}</h2>
      {book.entries.length === 0 ? <Empty>{t('logbook.noEntries')}</Empty> : <Entries entries={book.entries} />}
    </>
  );
}

function Sessions({ sessions }: { sessions: Logbook['sessions'] }) {
  const { t, i18n } = useTranslation();
  return (
    <ol className="timeline" aria-label={t('logbook.sessions')}>
      {sessions.map((s) => (
        <li key={s.id} className="timeline-item" data-session={s.id}>
          <div className="timeline-head">
            <span className="timeline-type">{t('logbook.session', { n: s.id })}</span>
            <span className={s.status === 'open' ? 'state-pill seal-open' : 'state-pill'}>{s.status === 'open' ? t('strongroom.open') : t('logbook.closed')}</span>
            <time className="timeline-time" dateTime={s.openedAt}>{formatIst(s.openedAt, i18n.language)}</time>
          </div>
          <dl className="timeline-facts">
            <Fact label={t('logbook.keyHolders')} value={`${s.openedBy.displayName} · ${s.secondKeyHolder.displayName}`} />
            <Fact label={t('strongroom.witnesses')} value={s.witnesses.map((w) => `${w.name} (${w.party}, ${w.idCard})`).join('; ')} />
            <Fact label={t('strongroom.sealsBroken')} value={s.sealsBroken.join(', ') || '—'} mono />
            {s.sealNote && <Fact label={t('strongroom.sealNote')} value={s.sealNote} />}
            {s.closedAt && <Fact label={t('logbook.closedAt')} value={`${formatIst(s.closedAt, i18n.language)} · ${s.closedBy?.displayName ?? ''}`} />}
            {s.sealsApplied && <Fact label={t('strongroom.sealsApplied')} value={s.sealsApplied.join(', ')} mono />}
          </dl>
        </li>
      ))}
    </ol>
  );
}

function Entries({ entries }: { entries: Logbook['entries'] }) {
  const { t, i18n } = useTranslation();
  return (
    <ol className="timeline" aria-label={t('logbook.entries')}>
      {entries.map((e) => (
        <li key={e.index} className="timeline-item" data-leaf-index={e.index}>
          <div className="timeline-head">
            <span className="timeline-type">{e.type}</span>
            {e.event && <span className="timeline-event">{eventLabel(t, e.event)}</span>}
            <time className="timeline-time" dateTime={e.ts}>{formatIst(e.ts, i18n.language)}</time>
          </div>
          <dl className="timeline-facts">
            <Fact label={t('unit.fromTo')} value={e.from === e.to ? e.from : `${e.from} → ${e.to}`} mono />
            <Fact label={t('unit.actor')} value={e.actor} mono />
            {e.units.length > 0 && <Fact label={t('logbook.units', { count: e.units.length })} value={e.units.join(', ')} mono />}
            {e.witnesses.length > 0 && <Fact label={t('unit.witnesses')} value={e.witnesses.join('; ')} />}
            {e.seals.length > 0 && <Fact label={t('unit.seals')} value={e.seals.join(', ')} mono />}
            {e.reason && <Fact label={t('unit.reason')} value={e.reason} />}
            <Fact label={t('unit.leafIndex')} value={String(e.index)} mono />
          </dl>
        </li>
      ))}
    </ol>
  );
}

function Fact({ label, value, mono = false }: { label: string; value: string; mono?: boolean }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd className={mono ? 'mono' : undefined}>{value}</dd>
    </div>
  );
}
