import type { DB } from '@evmtrail/api/db';
import { computeAllocation, createCeremony, enterDice, finaliseCeremony, openReveal, registerCommitment, type Actor } from '@evmtrail/api/services';
import { commit } from '@evmtrail/shared';
import type { Kysely } from 'kysely';

/*
 * The second randomisations (issue 8 item 3), through the ceremony service: AC 210's, run by its
 * RO with the parties' commitments and the dice, finalised by the General Observer (its units
 * assigned to the polling stations, the rest kept as the AC reserve in ticket order); AC 211's
 * frozen by its RO and waiting for the parties' commitments and the dice.
 */
export interface DemoSecondRandomisationInput {
  readonly districtId: number;
  readonly acIds: { readonly finished: number; readonly open: number };
  readonly candidates: { readonly finished: number; readonly open: number };
  readonly actors: { readonly ro: Actor; readonly roOpen: Actor; readonly party: Actor; readonly observer: Actor };
  readonly observerPassword: string;
  readonly startAt: Date;
}

export async function seedDemoSecondRandomisation(db: Kysely<DB>, p: DemoSecondRandomisationInput): Promise<{ ceremonies: number; lastAt: Date }> {
  let at = p.startAt.getTime();
  const next = () => new Date((at += 60_000));
  const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
    if (!r.ok) throw new Error(`demo second randomisation: ${r.error.message}`);
    return r.value;
  };
  const base = { districtId: p.districtId };
  const second = must(await createCeremony(db, { ...base, actor: p.actors.ro, stage: 'second', acId: p.acIds.finished, candidates: p.candidates.finished, now: next() }));
  const id = { ...base, ceremonyId: second.id };
  const value = '9a3e51c07d284f6b1e0c5a7d3b2f8e41';
  must(await registerCommitment(db, { ...id, actor: p.actors.party, party: 'NCP', commitment: must(commit({ party: 'NCP', value })), now: next() }));
  must(await registerCommitment(db, { ...id, actor: p.actors.party, party: 'SHS', commitment: must(commit({ party: 'SHS', value: '2718281828459045235360287471352662497757' })), now: next() }));
  must(await enterDice(db, { ...id, actor: p.actors.ro, dice: '62514336251442613355', now: next() }));
  must(await openReveal(db, { ...id, actor: p.actors.party, party: 'NCP', reveal: value, now: next() }));
  must(await openReveal(db, { ...id, actor: p.actors.party, party: 'SHS', reveal: '2718281828459045235360287471352662497757', now: next() }));
  must(await computeAllocation(db, { ...id, actor: p.actors.ro, now: next() }));
  must(await finaliseCeremony(db, { ...id, actor: p.actors.observer, password: p.observerPassword, now: next() }));
  must(await createCeremony(db, { ...base, actor: p.actors.roOpen, stage: 'second', acId: p.acIds.open, candidates: p.candidates.open, now: next() }));
  return { ceremonies: 2, lastAt: new Date(at) };
}
