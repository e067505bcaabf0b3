const IST_OFFSET_MS = (5 * 60 + 30) * 60 * 1000;

/** RFC 3339 in Indian Standard Time, second precision: 2029-03-21T09:30:00+05:30. */
export function formatIstTimestamp(at: Date): string {
  const shifted = new Date(at.getTime() + IST_OFFSET_MS).toISOString();
  return `${shifted.slice(0, 19)}+05:30`;
}
