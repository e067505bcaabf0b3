/** The fields of an EVMLOG/1 entry that the timeline shows; everything else stays in the JSON. */
export interface LogEntryView {
  readonly ts: string | null;
  readonly type: string;
  readonly event: string | null;
  readonly state: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly actor: string | null;
  readonly witnesses: readonly string[];
  readonly seals: readonly string[];
  readonly reason: string | null;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Reads an entry's text for display; a text that is not JSON still gets a row. */
export function readLogEntry(text: string): LogEntryView {
  let raw: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) raw = parsed as Record<string, unknown>;
  } catch {
    // Shown as "?" with its raw text; verification reports it separately.
  }
  return {
    ts: str(raw.ts),
    type: str(raw.type) ?? '?',
    event: str(raw.event),
    state: str(raw.state),
    from: str(raw.from),
    to: str(raw.to),
    actor: str(raw.actor),
    witnesses: strings(raw.witnesses),
    seals: strings(raw.seals),
    reason: str(raw.reason),
  };
}

export { formatIst } from '../../lib/format';
