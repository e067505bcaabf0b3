/**
 * The contract between the api and the web app for expected failures.
 *
 * Every expected failure reaches the web as `error.data.domainError: WireDomainError`. The web
 * translates it by `type` (i18n key `errors.<type>`) and fills the sentence from `params`, which
 * carry the names a person knows: the unit's serial, the AC's number and name, the district's
 * name, the role. `message` is the English sentence, for logs and the "details" disclosure.
 */
export const DOMAIN_ERROR_TYPES = [
  // lookups and input
  'not_found',
  'log_not_found',
  'invalid_input',
  'index_out_of_range',
  'location_required',
  // concurrency
  'conflict',
  // authority
  'unauthenticated',
  'forbidden',
  'outside_jurisdiction',
  // the lifecycle
  'illegal_transition',
  'role_not_allowed',
  'unit_on_hold',
  'flc_not_current',
  'training_unit',
  // receipts from the makers
  'manifest_has_problems',
  'receipt_status',
  'receipt_outstanding',
  'unsynced_scans',
  // sign-in
  'bad_credentials',
  'rate_limited',
  'address_rate_limited',
  // infrastructure and limits
  'database_unavailable',
  'log_unverified',
  'export_limited',
  'batch_too_large',
  'request_too_large',
  'unsupported_media_type',
  'cross_site_request',
] as const;

export type DomainErrorType = (typeof DOMAIN_ERROR_TYPES)[number];

/** Values a translated error sentence may interpolate. All optional; absent means unknown. */
export interface WireErrorParams {
  readonly serial?: string;
  readonly kind?: string;
  readonly acNumber?: number;
  readonly acName?: string;
  readonly districtName?: string;
  readonly stateName?: string;
  readonly locationName?: string;
  readonly role?: string;
  readonly action?: string;
  readonly event?: string;
  readonly state?: string;
  readonly retryAfterSeconds?: number;
  readonly address?: string;
  readonly limit?: number;
  readonly [key: string]: string | number | undefined;
}

export interface WireDomainError {
  readonly type: DomainErrorType;
  /** English, for logs and the "details" disclosure; never shown as the main sentence. */
  readonly message: string;
  readonly params: WireErrorParams;
}

export function isDomainErrorType(value: unknown): value is DomainErrorType {
  return typeof value === 'string' && (DOMAIN_ERROR_TYPES as readonly string[]).includes(value);
}
