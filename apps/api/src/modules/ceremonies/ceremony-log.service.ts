/**
 * A ceremony's steps in the custody log, with what a browser needs to check them itself (issue 8
 * item 5): the newest signed checkpoint, the district log's verification key, and each RAND_*
 * entry of the ceremony with its exact text, index, stored leaf hash and inclusion proof under
 * that checkpoint. The browser verifies the signature, every proof, and that each entry says what
 * the page shows; nothing here is trusted by it beyond the key.
 */
import { err, ok, toHex, type Result } from '@evmtrail/shared';
import type { Kysely } from 'kysely';

import type { DB } from '../../db/database.ts';
import type { Failure } from '../../failure.ts';
import { inclusionProofs, signCheckpoint } from '../custody/log.service.ts';
import type { SignedCheckpoint } from '../custody/checkpoint.service.ts';
import * as repo from './ceremony.repository.ts';
import { ceremonyNotFound } from './ceremony.service.ts';

/** The entry types a ceremony writes, one per step. */
export const CEREMONY_ENTRY_TYPES = ['RAND_FREEZE', 'RAND_COMMIT', 'RAND_DICE', 'RAND_REVEAL', 'RAND_ALLOCATE', 'RAND_FINALISE', 'RAND_ABANDON', 'RAND_REPLACE'] as const;

export interface CeremonyLogEntry {
  readonly index: number;
  /** The exact canonical JSON text of the EVMLOG/1 entry, as logged. */
  readonly entry: string;
  readonly leafHashHex: string;
  readonly proof: string[];
}

export interface CeremonyLogProof {
  readonly code: string;
  readonly checkpoint: Omit<SignedCheckpoint, 'logVkey'>;
  readonly logVkey: string;
  readonly entries: CeremonyLogEntry[];
}

/** Does this entry text belong to ceremony `code` (its reason starts "Ceremony <code>" then ' ' or ':')? */
function isOfCeremony(text: string, code: string): boolean {
  try {
    const e = JSON.parse(text) as { type?: unknown; reason?: unknown };
    const reason = typeof e.reason === 'string' ? e.reason : '';
    const head = `Ceremony ${code}`;
    return (CEREMONY_ENTRY_TYPES as readonly unknown[]).includes(e.type) && reason.startsWith(head) && [' ', ':'].includes(reason.charAt(head.length));
  } catch {
    return false;
  }
}

export async function ceremonyLogProof(db: Kysely<DB>, districtId: number, ceremonyId: number, now: Date): Promise<Result<CeremonyLogProof, Failure>> {
  const c = await repo.findCeremony(db, districtId, ceremonyId, false);
  if (!c) return err(ceremonyNotFound(ceremonyId));
  const { logVkey, ...checkpoint } = await signCheckpoint(db, { districtId, now });
  const rows = await repo.ceremonyLogRows(db, districtId, c.code, checkpoint.size);
  const mine = rows.filter((r) => isOfCeremony(r.entry, c.code));
  const proofs = await inclusionProofs(db, districtId, mine.map((r) => r.idx), checkpoint.size);
  return ok({
    code: c.code, checkpoint, logVkey,
    entries: mine.map((r, i) => ({ index: r.idx, entry: r.entry, leafHashHex: toHex(new Uint8Array(r.leafHash)), proof: proofs[i] ?? [] })),
  });
}
