/**
 * The contract between the api and the web app for expected failures.
 *
 * Every expected failure reaches the web as `error.data.domainError: WireDomainError`. The web
 * translates it by `type` (i18n key `errors.<type>`) and fills the sentence from `params`, which
 * carry the names a person knows: the unit's serial, the AC's number and name, the district's
 * name, the role. `message` is the English sentence, for logs and the "details" disclosure.
 */
import { RAND_ERROR_TYPES } from '../rand/errors.ts';

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
  // stocktakes
  'stocktake_open',
  'stocktake_closed',
  'stocktake_unsynced',
  // first level checking
  'flc_notice_period',
  'flc_campaign_status',
  'flc_not_hall',
  'flc_sample_drawn',
  'flc_not_sampled',
  'flc_sample_recorded',
  'flc_sample_votes',
  'flc_close_outstanding',
  // consignments
  'consignment_status',
  'consignment_outstanding',
  'consignment_unsynced',
  'consignment_not_allocated',
  // randomisation ceremonies (EVMRAND/1)
  'ceremony_state',
  'ceremony_ineligible',
  'ceremony_password',
  'ceremony_not_in_allocation',
  // polling-station sets: commissioning and the distribution centre
  'set_incomplete',
  'set_status',
  'bu_per_cu_limit',
  'sector_station_count',
  // poll day: the mock poll certificate, replacements by the rules, the steps of the poll
  'replacement_rule',
  'not_sector_reserve',
  'poll_step',
  'mock_poll_certificate',
  // EVMRAND/1's own failures (packages/shared/src/rand/errors.ts), passed on as they are
  ...RAND_ERROR_TYPES,
  // strongrooms
  'strongroom_sealed',
  'strongroom_open',
  'strongroom_not_open',
  'not_key_holder',
  'key_holder_password',
  'seal_mismatch',
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

/**
 * Whether the same request may succeed if sent again, per type (a new type must say):
 * - 'no': a refusal; the same answer comes back, so the web offers no "Try again";
 * - 'later': the person may try again (a conflict, a rate limit, a busy export);
 * - 'auto': the web retries by itself (the database is back within seconds).
 */
export const DOMAIN_ERROR_RETRY: Readonly<Record<DomainErrorType, 'no' | 'later' | 'auto'>> = {
  not_found: 'no',
  log_not_found: 'no',
  invalid_input: 'no',
  index_out_of_range: 'no',
  location_required: 'no',
  conflict: 'later',
  unauthenticated: 'no',
  forbidden: 'no',
  outside_jurisdiction: 'no',
  illegal_transition: 'no',
  role_not_allowed: 'no',
  unit_on_hold: 'no',
  flc_not_current: 'no',
  training_unit: 'no',
  manifest_has_problems: 'no',
  receipt_status: 'no',
  receipt_outstanding: 'no',
  unsynced_scans: 'later',
  stocktake_open: 'no',
  stocktake_closed: 'no',
  stocktake_unsynced: 'later',
  flc_notice_period: 'later',
  flc_campaign_status: 'no',
  flc_not_hall: 'no',
  flc_sample_drawn: 'no',
  flc_not_sampled: 'no',
  flc_sample_recorded: 'no',
  flc_sample_votes: 'no',
  flc_close_outstanding: 'no',
  consignment_status: 'no',
  consignment_outstanding: 'no',
  consignment_unsynced: 'later',
  consignment_not_allocated: 'no',
  ceremony_state: 'no',
  ceremony_ineligible: 'no',
  ceremony_password: 'no',
  ceremony_not_in_allocation: 'no',
  set_incomplete: 'no',
  set_status: 'no',
  bu_per_cu_limit: 'no',
  sector_station_count: 'no',
  replacement_rule: 'no',
  not_sector_reserve: 'no',
  poll_step: 'no',
  mock_poll_certificate: 'no',
  rand_invalid_input: 'no',
  rand_duplicate: 'no',
  rand_not_canonical: 'no',
  rand_pool_too_small: 'no',
  rand_reveal_mismatch: 'no',
  rand_seed_mismatch: 'no',
  strongroom_sealed: 'no',
  strongroom_open: 'no',
  strongroom_not_open: 'no',
  not_key_holder: 'no',
  key_holder_password: 'no',
  seal_mismatch: 'no',
  bad_credentials: 'no',
  rate_limited: 'later',
  address_rate_limited: 'later',
  database_unavailable: 'auto',
  log_unverified: 'no',
  export_limited: 'later',
  batch_too_large: 'no',
  request_too_large: 'no',
  unsupported_media_type: 'no',
  cross_site_request: 'no',
};

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
  /** Strongrooms: the strongroom, a key-holder's name, both key-holders, seal lists. */
  readonly strongroomName?: string;
  readonly holderName?: string;
  readonly keyHolders?: string;
  readonly expected?: string;
  readonly given?: string;
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
