import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { describeError } from '../../lib/describe-error';
import { useTRPC } from '../../lib/trpc';
import { useWedgeScan } from './use-wedge-scan';
import { normaliseSerial } from './wedge-scanner';

/**
 * Opens a unit by exact serial: checks it exists first, so an unknown or forbidden serial is
 * reported where the user is instead of on an empty unit page.
 */
export function useOpenSerial() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useCallback(
    async (raw: string): Promise<unknown> => {
      const serial = normaliseSerial(raw);
      if (serial === '') return null;
      try {
        await queryClient.fetchQuery(trpc.unit.bySerial.queryOptions({ serial }));
        await navigate({ to: '/units/$serial', params: { serial } });
        return null;
      } catch (error) {
        toast.error(describeError(t, error).sentence);
        return error;
      }
    },
    [navigate, queryClient, t, trpc],
  );
}

/** A keyboard-wedge scan on any page (outside text fields) opens that unit. */
export function useGlobalScan(): void {
  const open = useOpenSerial();
  useWedgeScan((text) => void open(text));
}
