/**
 * Per-device hash chains (evmlog-v1.md §5.4): each capture device numbers its
 * entries devSeq = 1, 2, 3, ... and sets devPrev to the leaf hash of its previous
 * entry (ZERO_HASH_HEX for the first), so a device's backlog cannot be reordered
 * or thinned without breaking the chain.
 */
import { err, ok, type Result } from '../lib/result.ts';
import { ZERO_HASH_HEX, type EvmLogEntry } from './entry.ts';

/** The last entry seen from one device. */
export interface DeviceHead {
  readonly devSeq: number;
  /** Leaf hash (lowercase hex) of the device's latest entry. */
  readonly leafHashHex: string;
  /** Its position in the log, when known (for messages). */
  readonly index?: number;
}

export interface DeviceChainError {
  readonly type: 'device_seq_gap' | 'device_prev_mismatch';
  readonly message: string;
}

/**
 * Checks that `entry` (with leaf hash `leafHashHex`) continues its device's chain
 * whose head is `head` (undefined if the device has no entries yet), and returns
 * the new head.
 */
export function nextDeviceHead(
  head: DeviceHead | undefined,
  entry: Pick<EvmLogEntry, 'dev' | 'devSeq' | 'devPrev'>,
  leafHashHex: string,
  index?: number,
): Result<DeviceHead, DeviceChainError> {
  const expectedSeq = (head?.devSeq ?? 0) + 1;
  const expectedPrev = head?.leafHashHex ?? ZERO_HASH_HEX;
  if (entry.devSeq !== expectedSeq) {
    return err({
      type: 'device_seq_gap',
      message: `device ${entry.dev}: devSeq ${entry.devSeq}, expected ${expectedSeq}`,
    });
  }
  if (entry.devPrev !== expectedPrev) {
    return err({
      type: 'device_prev_mismatch',
      message: `device ${entry.dev}: devPrev ${entry.devPrev} is not the leaf hash of its previous entry${head?.index === undefined ? '' : ` (entry ${head.index})`}, ${expectedPrev}: one of the two was changed`,
    });
  }
  return ok({ devSeq: expectedSeq, leafHashHex, ...(index === undefined ? {} : { index }) });
}
