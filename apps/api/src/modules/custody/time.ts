/** RFC 3339 in Indian Standard Time; the log writer in shared formats entry times with it. */
export { formatIstTimestamp } from '@evmtrail/shared';
