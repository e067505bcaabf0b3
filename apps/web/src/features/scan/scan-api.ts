import type { ScanResult, ScanTask } from '@evmtrail/shared';
import type { ApiClient } from '../../lib/trpc';
import type { RecordScanWire } from './outbox';

/**
 * The `scan` procedures as this screen calls them (packages/shared/src/schemas/scan.ts). Until
 * the api's router has them, the contract's own types stand in; once it has, the router's types
 * are used and any difference from the contract fails the typecheck here.
 */
interface ScanProcedures {
  readonly record: { readonly mutate: (input: RecordScanWire) => Promise<ScanResult> };
  readonly list: {
    readonly query: (input: { districtId: number; task: ScanTask; limit?: number }) => Promise<readonly ScanResult[]>;
  };
}

type ClientWithScan = ApiClient extends { scan: unknown } ? ApiClient : ApiClient & { readonly scan: ScanProcedures };

export function scanProcedures(client: ApiClient): ClientWithScan['scan'] {
  return (client as ClientWithScan).scan;
}
