import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from '@tanstack/react-router';
import { useTRPC } from '../../lib/trpc';

/**
 * Says loudly, where officers look first, that a district's custody log failed its self-check
 * (the api then signs and records nothing new). Silent while the log is verified or unreadable.
 */
export function LogHealthBanner({ districtId }: { districtId: number }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const checkpoint = useQuery(trpc.log.checkpoint.queryOptions({ districtId }));
  if (!checkpoint.data || checkpoint.data.verified) return null;
  return (
    <div className="alert alert-error" role="alert">
      <p>{t('log.unverified')}</p>
      {checkpoint.data.problem && <p className="page-sub">{checkpoint.data.problem}</p>}
      <Link to="/log">{t('nav.log')}</Link>
    </div>
  );
}
