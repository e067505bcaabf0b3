import type { DB } from '@evmtrail/api/db';
import {
  abandonCeremony, computeAllocation, createCeremony, enterDice, finaliseCeremony, openReveal, registerCommitment, type Actor,
} from '@evmtrail/api/services';
import { commit } from '@evmtrail/shared';
import type { Kysely } from 'kysely';

/**
 * The demo district's randomisation ceremonies, through the ceremony service: one abandoned (the
 * wrong AC list was read out), then a first randomisation for AC 210 and AC 211 finalised by the
 * observer (their units allocated to the two ACs in the same step). Each step a minute after the last.
 */
export async function seedDemoCeremonies(
  db: Kysely<DB>,
  p: { districtId: number; acIds: readonly number[]; actors: { deo: Actor; party: Actor; observer: Actor }; observerPassword: string; startAt: Date },
): Promise<{ ceremonies: number; firstId: number; lastAt: Date }> {
  let at = p.startAt.getTime();
  const next = () => new Date((at += 60_000));
  const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
    if (!r.ok) throw new Error(`demo ceremony: ${r.error.message}`);
    return r.value;
  };
  const base = { districtId: p.districtId };
  const abandoned = must(await createCeremony(db, { ...base, actor: p.actors.deo, stage: 'first', acIds: p.acIds, reservePct: { BU: 0, CU: 0, VVPAT: 0 }, now: next() }));
  must(await abandonCeremony(db, { ...base, ceremonyId: abandoned.id, actor: p.actors.deo, reason: 'Reserve per cent read out wrongly; frozen again with the rules', now: next() }));

  const first = must(await createCeremony(db, { ...base, actor: p.actors.deo, stage: 'first', acIds: p.acIds, now: next() }));
  const id = { ...base, ceremonyId: first.id };
  const value = '5f1c0a7e93b2d4c68e0f1a2b3c4d5e6f';
  must(await registerCommitment(db, { ...id, actor: p.actors.party, party: 'INC', commitment: must(commit({ party: 'INC', value })), now: next() }));
  must(await registerCommitment(db, { ...id, actor: p.actors.party, party: 'BJP', commitment: must(commit({ party: 'BJP', value: '0123456789012345678901234567890123456789' })), now: next() }));
  must(await enterDice(db, { ...id, actor: p.actors.deo, dice: '41526354463521433625', now: next() }));
  must(await openReveal(db, { ...id, actor: p.actors.party, party: 'INC', reveal: value, now: next() }));
  must(await computeAllocation(db, { ...id, actor: p.actors.deo, now: next() }));
  must(await finaliseCeremony(db, { ...id, actor: p.actors.observer, password: p.observerPassword, now: next() }));
  return { ceremonies: 2, firstId: first.id, lastAt: new Date(at) };
}
