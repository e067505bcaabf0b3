import { DOMAIN_ERROR_RETRY, isDomainErrorType, type DomainErrorType, type WireErrorParams } from '@evmtrail/shared';
import { TRPCClientError } from '@trpc/client';
import type { TFunction } from 'i18next';
import { errorMessage } from './trpc';
import { eventLabel, formatCount, roleLabel, stateLabel } from './labels';

/** How the page may offer to try again: never for a refusal, by itself for a lost connection. */
export type RetryMode = 'none' | 'manual' | 'auto';

export type ErrorKind = DomainErrorType | 'network' | 'unknown';

export interface DescribedError {
  readonly kind: ErrorKind;
  /** One translated sentence with the names a person knows. */
  readonly sentence: string;
  /** Technical detail for the "details" disclosure, or null when the sentence says it all. */
  readonly details: string | null;
  readonly retry: RetryMode;
}

const RETRY_MODES = { no: 'none', later: 'manual', auto: 'auto' } as const satisfies Record<string, RetryMode>;

/** Refusals offer no "Try again"; a lost connection or database is retried by itself (shared DOMAIN_ERROR_RETRY). */
export function retryModeOf(kind: ErrorKind): RetryMode {
  if (kind === 'network') return 'auto';
  if (kind === 'unknown') return 'manual';
  return RETRY_MODES[DOMAIN_ERROR_RETRY[kind]];
}

interface WireDomainErrorLike {
  readonly type: DomainErrorType;
  readonly message: string;
  readonly params: WireErrorParams;
}

/** The api's `data.domainError`, when the error carries one of the known types. */
export function domainErrorOf(error: unknown): WireDomainErrorLike | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data = (error as TRPCClientError<never>).data as { domainError?: unknown } | undefined | null;
  const d = data?.domainError as { type?: unknown; message?: unknown; params?: unknown } | null | undefined;
  if (!d || !isDomainErrorType(d.type)) return null;
  const params = d.params !== null && typeof d.params === 'object' ? (d.params as WireErrorParams) : {};
  return { type: d.type, message: typeof d.message === 'string' ? d.message : '', params };
}

/** A request that never reached the server (offline, DNS, refused) rather than an answer. */
export function isNetworkError(error: unknown): boolean {
  if (error instanceof TRPCClientError) {
    const e = error as TRPCClientError<never>;
    return !e.data && (e.cause instanceof TypeError || /failed to fetch|network|load failed/i.test(e.message));
  }
  return error instanceof TypeError && /fetch|network/i.test(error.message);
}

/** Values every error sentence may use, each with a readable fallback when the api sent none. */
export function sentenceValues(t: TFunction, p: WireErrorParams): Record<string, string> {
  const place =
    p.acNumber !== undefined
      ? t('errors.place.ac', { n: p.acNumber, name: p.acName ?? '' }).trim()
      : p.locationName ?? (p.districtName ? t('errors.place.district', { name: p.districtName }) : p.stateName ?? t('errors.place.unknown'));
  return {
    subject: p.serial ? t('errors.subject.unit', { serial: p.serial }) : (p.locationName ?? t('errors.subject.unknown')),
    place,
    role: p.role ? roleLabel(t, p.role) : t('errors.role.unknown'),
    event: p.event ? eventLabel(t, p.event) : t('errors.event.unknown'),
    state: p.state ? stateLabel(t, p.state) : t('errors.state.unknown'),
    seconds: formatCount(p.retryAfterSeconds ?? 60),
    limit: p.limit !== undefined ? formatCount(p.limit) : '—',
    orderRef: typeof p.orderRef === 'string' ? p.orderRef : '—',
    code: typeof p.code === 'string' ? p.code : '—',
    count: formatCount(typeof p.count === 'number' ? p.count : 0),
    pending: formatCount(typeof p.pending === 'number' ? p.pending : 0),
    strongroom: p.strongroomName ?? p.locationName ?? t('errors.strongroom.unknown'),
    holder: p.holderName ?? t('errors.holder.unknown'),
    keyHolders: p.keyHolders ?? '—',
    expected: p.expected ?? '—',
    given: p.given ?? '—',
    campaign: typeof p.campaign === 'string' ? p.campaign : '—',
    date: typeof p.date === 'string' ? p.date : '—',
    // A campaign's status has words of its own; other flows' statuses are not in any sentence.
    status: typeof p.campaignStatus === 'string' ? t(`flc.status.${p.campaignStatus}`) : '—',
    party: typeof p.party === 'string' ? p.party : '—',
    kind: p.kind ?? '—',
    // Candidates and BUs per station against the CU model's limit (second randomisation, candidate setting).
    candidates: typeof p.candidates === 'number' ? formatCount(p.candidates) : '—',
    bus: typeof p.bus === 'number' ? formatCount(p.bus) : '—',
    max: typeof p.max === 'number' ? formatCount(p.max) : '—',
    // Polling-station sets: the station, the set, the party and route, the sector officer, the rule's numbers.
    station: typeof p.stationNumber === 'number' ? t('errors.place.station', { n: p.stationNumber, name: typeof p.stationName === 'string' ? p.stationName : '' }).trim() : '—',
    setCode: typeof p.setCode === 'string' ? p.setCode : '—',
    partyId: typeof p.partyId === 'string' ? p.partyId : '—',
    routeCode: typeof p.routeCode === 'string' ? p.routeCode : '—',
    officer: typeof p.officerName === 'string' ? p.officerName : '—',
    min: formatCount(typeof p.min === 'number' ? p.min : 0),
    need: formatCount(typeof p.need === 'number' ? p.need : 0),
    have: formatCount(typeof p.have === 'number' ? p.have : 0),
    model: typeof p.model === 'string' ? p.model : '—',
    // Poll day: the replacement rule broken, the kinds it needs and those offered, the step refused, the mock poll's votes.
    rule: typeof p.rule === 'string' ? t(`pollday.rule.${p.rule}`) : '—',
    needKinds: typeof p.need === 'string' ? p.need : '—',
    offeredKinds: typeof p.offered === 'string' ? p.offered : '—',
    step: typeof p.step === 'string' ? t(`pollday.step.${p.step}`) : '—',
    votes: formatCount(typeof p.votes === 'number' ? p.votes : 0),
    minVotes: formatCount(typeof p.minVotes === 'number' ? p.minVotes : 0),
  };
}

export function describeError(t: TFunction, error: unknown): DescribedError {
  const domain = domainErrorOf(error);
  if (domain) {
    const sentence = t(`errors.${domain.type}`, sentenceValues(t, domain.params));
    return { kind: domain.type, sentence, details: detailsOf(error, domain.message), retry: retryModeOf(domain.type) };
  }
  if (isNetworkError(error)) {
    return { kind: 'network', sentence: t('errors.network'), details: errorMessage(error), retry: 'auto' };
  }
  // No contract type (an older api, or a bug): the server's own text is the best there is.
  return { kind: 'unknown', sentence: errorMessage(error), details: null, retry: 'manual' };
}

function detailsOf(error: unknown, message: string): string {
  const code = error instanceof TRPCClientError ? (error as TRPCClientError<never>).data : null;
  const codeText = code && typeof (code as { code?: unknown }).code === 'string' ? `${(code as { code: string }).code}: ` : '';
  const input = error instanceof Error ? errorMessage(error) : '';
  return input !== '' && input !== message ? `${codeText}${message}\n${input}` : `${codeText}${message}`;
}
