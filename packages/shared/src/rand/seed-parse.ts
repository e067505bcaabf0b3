/** Reading an EVMRAND/1 seed string back into its fields, e.g. to check a published seed. */
import { ok, type Result } from '../lib/result.ts';
import { randErr, type RandError } from './errors.ts';
import { SLOT_ABSENT, EVMRAND_VERSION, SLOT_WITHHELD, type RandStage } from './seed.ts';

export interface PartySlot {
  readonly party: string;
  /** The revealed value, WITHHELD or '-'. */
  readonly value: string;
}

export interface ParsedSeed {
  readonly electionId: string;
  readonly stage: RandStage;
  readonly scope: string;
  readonly poolHash: string;
  readonly demandHash: string;
  readonly dice: string;
  readonly slots: readonly PartySlot[];
}

const SEED =
  /^EVMRAND\/1\|E=([A-Z0-9-]{1,64})\|R=([12])\|U=([A-Z0-9-]{1,64})\|P=([0-9a-f]{64})\|Q=([0-9a-f]{64})\|D=([0-9]{20,200})\|C=([A-Za-z0-9:,-]*)$/;
const SLOT = /^([A-Z0-9]{1,32}):([0-9a-f]{32}|[0-9]{40,200}|WITHHELD|-)$/;

/**
 * Parses a seed made by `seedFrom`; refuses anything `seedFrom` could not have made (another
 * version, a malformed field, parties out of order or twice).
 */
export function parseSeed(seed: string): Result<ParsedSeed, RandError> {
  const m = SEED.exec(seed);
  if (!m) {
    return randErr('rand_invalid_input', `Seed ${JSON.stringify(seed.slice(0, 60))}… is not an ${EVMRAND_VERSION} seed string (${EVMRAND_VERSION}|E=…|R=…|U=…|P=…|Q=…|D=…|C=…)`, { field: 'seed' });
  }
  const [, electionId = '', stage = '1', scope = '', poolHash = '', demandHash = '', dice = '', parties = ''] = m;
  const slots: PartySlot[] = [];
  for (const text of parties === '' ? [] : parties.split(',')) {
    const s = SLOT.exec(text);
    if (!s) return randErr('rand_invalid_input', `Seed field C: '${text}' is not CODE:value with value a reveal, ${SLOT_WITHHELD} or ${SLOT_ABSENT}`, { field: 'C' });
    const [, party = '', value = ''] = s;
    const previous = slots.at(-1);
    if (previous && previous.party >= party) {
      return randErr('rand_not_canonical', `Seed field C: party ${party} must come after ${previous.party} (parties in code order, once each)`, { party, field: 'C' });
    }
    slots.push({ party, value });
  }
  return ok({ electionId, stage: stage === '2' ? '2' : '1', scope, poolHash, demandHash, dice, slots });
}
