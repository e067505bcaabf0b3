import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc';
import { ScanPanel } from '../scan/scan-panel';

/** The scanning panel on a stocktake: every answer refreshes the page's own counters and lists. */
export function StocktakeScan({ districtId, stocktakeId }: { districtId: number; stocktakeId: number }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.stocktake.byId.queryKey({ districtId, stocktakeId }) });
  return (
    <ScanPanel
      districtId={districtId}
      task={{ kind: 'stocktake', id: stocktakeId }}
      title={t('stocktakes.scan.title')}
      onResult={refresh}
      showTally={false}
    />
  );
}
