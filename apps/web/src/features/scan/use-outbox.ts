import type { ScanTask } from '@evmtrail/shared';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useSession } from '../../app/session';
import { useTRPCClient, type ApiClient } from '../../lib/trpc';
import { createOutbox, scanTaskKey, taskKey, type Outbox } from './outbox';
import { openOutboxStore, type OutboxScan } from './outbox-store';
import { scanProcedures } from './scan-api';

/** One outbox per api client and user, shared by every component of the page. */
const outboxes = new WeakMap<ApiClient, Map<number, Outbox>>();

function outboxFor(client: ApiClient, userId: number): Outbox {
  let perUser = outboxes.get(client);
  if (!perUser) outboxes.set(client, (perUser = new Map<number, Outbox>()));
  let outbox = perUser.get(userId);
  if (!outbox) {
    const scan = scanProcedures(client);
    outbox = createOutbox({ store: openOutboxStore(), userId, send: (input) => scan.record.mutate(input) });
    perUser.set(userId, outbox);
  }
  return outbox;
}

export function useOutbox(): Outbox {
  const client = useTRPCClient();
  const { me } = useSession();
  return outboxFor(client, me.id);
}

/** Sends the signed-in user's waiting scans from any page, and again whenever the network returns. */
export function useOutboxSync(): void {
  const outbox = useOutbox();
  useEffect(() => outbox.start(), [outbox]);
}

function useAllScans(): readonly OutboxScan[] {
  const outbox = useOutbox();
  return useSyncExternalStore(outbox.subscribe, outbox.scans, outbox.scans);
}

/** This task's scans on this device, newest first. */
export function useTaskScans(districtId: number, task: ScanTask): readonly OutboxScan[] {
  const all = useAllScans();
  const key = taskKey(districtId, task);
  return useMemo(() => all.filter((s) => scanTaskKey(s) === key).reverse(), [all, key]);
}

/**
 * Scans of the task still waiting to reach the server. A flow refuses to complete while it is
 * above zero, and passes it to the server, which refuses too.
 */
export function useUnsyncedCount(task: ScanTask, districtId?: number): number {
  const all = useAllScans();
  return useMemo(
    () =>
      all.filter(
        (s) => s.status === 'pending' && s.task.kind === task.kind && s.task.id === task.id && (districtId === undefined || s.districtId === districtId),
      ).length,
    [all, task.kind, task.id, districtId],
  );
}
