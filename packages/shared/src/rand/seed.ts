/**
 * The seed ceremony of EVMRAND/1 (specs/evmrand-v1.md §4.3): party commitments, their reveals,
 * and the seed string that binds the algorithm version, election, stage, scope, the pool and
 * demand hashes (P, Q), the public dice and every party's slot.
 */
import { ok, type Result } from '../lib/result.ts';
import { randErr, type RandError } from './errors.ts';
import { sha256Hex } from './ticket.ts';

export const EVMRAND_VERSION = 'EVMRAND/1';
/** Slot of a party that committed but whose value could not be opened. */
export const SLOT_WITHHELD = 'WITHHELD';
/** Slot of a party that made no commitment. */
export const SLOT_ABSENT = '-';
export const MIN_DICE_DIGITS = 20;

const PARTY_CODE = /^[A-Z0-9]+$/;
/** A party value: 32 lowercase hex characters from a device, or at least 40 dice digits. */
const REVEAL = /^(?:[0-9a-f]{32}|[0-9]{40,200})$/;
const HASH = /^[0-9a-f]{64}$/;
const CODE = /^[A-Z0-9-]{1,64}$/;
const DICE = new RegExp(`^[0-9]{${MIN_DICE_DIGITS},200}$`);

export type RandStage = '1' | '2';

function checkParty(party: string): Result<string, RandError> {
  return PARTY_CODE.test(party) && party.length <= 32
    ? ok(party)
    : randErr('rand_invalid_input', `Party code ${JSON.stringify(party)} is not valid: use upper-case letters and digits`, { party, field: 'C' });
}

function checkValue(party: string, value: string): Result<string, RandError> {
  return REVEAL.test(value)
    ? ok(value)
    : randErr('rand_invalid_input', `Party ${party}: the value must be 32 lowercase hex characters or 40 to 200 decimal digits`, { party, field: 'C' });
}

/** The commitment c_k = sha256hex("EVMRAND/1|commit|" + party + "|" + value) a party publishes. */
export function commit(input: { readonly party: string; readonly value: string }): Result<string, RandError> {
  const party = checkParty(input.party);
  if (!party.ok) return party;
  const value = checkValue(input.party, input.value);
  if (!value.ok) return value;
  return ok(sha256Hex(`${EVMRAND_VERSION}|commit|${input.party}|${input.value}`));
}

/** Checks a revealed value against the party's published commitment. */
export function checkReveal(input: { readonly party: string; readonly commitment: string; readonly reveal: string }): Result<true, RandError> {
  if (!HASH.test(input.commitment)) {
    return randErr('rand_invalid_input', `Party ${input.party}: the commitment must be 64 lowercase hex characters`, { party: input.party, field: 'C' });
  }
  const made = commit({ party: input.party, value: input.reveal });
  if (!made.ok) return made;
  return made.value === input.commitment
    ? ok(true)
    : randErr('rand_reveal_mismatch', `Party ${input.party}: the revealed value does not open its commitment ${input.commitment.slice(0, 16)}…`, { party: input.party, field: 'C' });
}

/** One party at the ceremony: its commitment (if it made one) and its reveal (if opened). */
export interface PartyContribution {
  readonly party: string;
  readonly commitment?: string | null;
  readonly reveal?: string | null;
}

export interface SeedInput {
  readonly electionId: string;
  readonly stage: RandStage;
  /** District code (stage 1) or AC code (stage 2). */
  readonly scope: string;
  /** P = sha256hex(pool.csv). */
  readonly poolHash: string;
  /** Q = sha256hex(demand.csv). */
  readonly demandHash: string;
  /** The dice digits read aloud, in order (at least 20). */
  readonly dice: string;
  readonly parties: readonly PartyContribution[];
}

/** The party's slot: its checked reveal, WITHHELD (committed, not opened) or '-' (no commitment). */
function slotOf(p: PartyContribution): Result<string, RandError> {
  const hasCommitment = p.commitment != null && p.commitment !== '';
  const hasReveal = p.reveal != null && p.reveal !== '';
  if (!hasCommitment) {
    return hasReveal
      ? randErr('rand_reveal_mismatch', `Party ${p.party} revealed a value but made no commitment before the dice; its slot must be '${SLOT_ABSENT}'`, { party: p.party, field: 'C' })
      : ok(SLOT_ABSENT);
  }
  if (!hasReveal) return ok(SLOT_WITHHELD);
  const checked = checkReveal({ party: p.party, commitment: p.commitment ?? '', reveal: p.reveal ?? '' });
  return checked.ok ? ok(p.reveal ?? '') : checked;
}

function checkField(field: string, value: string, pattern: RegExp, what: string): RandError | undefined {
  return pattern.test(value) ? undefined : { type: 'rand_invalid_input', message: `Seed field ${field}: ${what} (got ${JSON.stringify(value.slice(0, 80))})`, field };
}

/**
 * The seed string S = "EVMRAND/1|E=…|R=…|U=…|P=…|Q=…|D=…|C=code:value,…", parties in the order
 * of their codes. Refuses malformed fields, a party listed twice, and a reveal that does not
 * open its commitment (record such a party as withheld: no reveal).
 */
export function seedFrom(input: SeedInput): Result<string, RandError> {
  const bad =
    checkField('E', input.electionId, CODE, 'the election id must be upper-case letters, digits or -') ??
    checkField('R', input.stage, /^[12]$/, "the stage must be '1' or '2'") ??
    checkField('U', input.scope, CODE, 'the scope must be a district or AC code (upper-case letters, digits or -)') ??
    checkField('P', input.poolHash, HASH, 'the pool hash must be 64 lowercase hex characters') ??
    checkField('Q', input.demandHash, HASH, 'the demand hash must be 64 lowercase hex characters') ??
    checkField('D', input.dice, DICE, `the dice must be ${MIN_DICE_DIGITS} to 200 decimal digits, no spaces`);
  if (bad) return randErr(bad.type, bad.message, { field: bad.field });
  const slots: string[] = [];
  const parties = [...input.parties].sort((x, y) => (x.party < y.party ? -1 : x.party > y.party ? 1 : 0));
  for (const [i, p] of parties.entries()) {
    const code = checkParty(p.party);
    if (!code.ok) return code;
    if (parties[i - 1]?.party === p.party) return randErr('rand_duplicate', `Party ${p.party} is listed twice`, { party: p.party, field: 'C' });
    const slot = slotOf(p);
    if (!slot.ok) return slot;
    slots.push(`${p.party}:${slot.value}`);
  }
  return ok(
    `${EVMRAND_VERSION}|E=${input.electionId}|R=${input.stage}|U=${input.scope}|P=${input.poolHash}` +
      `|Q=${input.demandHash}|D=${input.dice}|C=${slots.join(',')}`,
  );
}
