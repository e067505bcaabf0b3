/**
 * Lists for parties (issue 8 item 4): a finalised ceremony's allocation as the AC-wise list (first
 * randomisation: each AC's units by kind, then training and the reserve) or the PS-wise list
 * (second randomisation: each polling station's BU/CU/VVPAT, then the AC reserve in ticket order),
 * as CSV here and as a PDF in pdf/ceremony-pdf.service.ts. Every row is read from the published
 * allocation.csv itself (its TYPE,TARGET,ID bytes are the CSV's first three columns), the ticket
 * from the stored draw; both lists carry the ceremony code, the seed and sha256(allocation.csv).
 */
import type { CeremonyStage } from '@evmtrail/shared';
import { can, err, ok, reachesDistrict, ticketPrefix, type Jurisdiction, type Result, type Role, type UnitKind } from '@evmtrail/shared';

import type { Queryable } from '../../db/handle.ts';
import { failure, type Failure } from '../../failure.ts';
import * as repo from './ceremony.repository.ts';
import { ceremonyNotFound } from './ceremony.service.ts';

export interface ListReader {
  readonly username: string;
  readonly role: Role;
  readonly jurisdiction: Jurisdiction;
}

export interface CeremonyListRow {
  readonly kind: UnitKind;
  /** The allocation.csv target: AC-210, PS-001, TRAINING, RESERVE-AC-210. */
  readonly target: string;
  readonly serial: string;
  /** The first 18 digits of the unit's ticket ("0." left out). */
  readonly ticket18: string;
  /** The target in words: AC number and name, station number and name, or '' (reserve, training). */
  readonly place: string;
  readonly placeHi: string;
  readonly reserve: boolean;
}

export interface CeremonyList {
  readonly code: string;
  readonly stage: CeremonyStage;
  readonly districtName: string;
  readonly districtNameHi: string | null;
  readonly ac: { readonly number: number; readonly name: string; readonly nameHi: string | null } | null;
  readonly seed: string;
  readonly allocationHash: string;
  readonly finalisedAt: string | null;
  /** In allocation.csv order (kind by kind: blocks in demand order, then the reserve in ticket order). */
  readonly rows: readonly CeremonyListRow[];
  /** Logged replacements from reserve since the finalisation, in order (allocation.csv itself never changes). */
  readonly replacements: readonly { readonly kind: string; readonly target: string; readonly oldSerial: string; readonly newSerial: string }[];
}

/** The list of a finalised ceremony, for anyone who may read its district's (or its AC's) units. */
export async function ceremonyList(db: Queryable, districtId: number, ceremonyId: number, reader: ListReader): Promise<Result<CeremonyList, Failure>> {
  const c = await repo.findCeremony(db, districtId, ceremonyId, false);
  if (!c) return err(ceremonyNotFound(ceremonyId));
  const district = await repo.findDistrictRow(db, districtId);
  const acRow = c.acId === null ? undefined : await repo.findAcRow(db, districtId, c.acId);
  const refused = judgeReader(reader, { stateId: c.stateId, districtId, acId: c.acId }, c.code, district?.name ?? String(districtId), acRow);
  if (refused) return err(refused);
  if (c.status !== 'finalised' || c.seed === null || c.allocationCsv === null || c.allocationHash === null) {
    return err(failure('ceremony_state', `Ceremony ${c.code} is ${c.status}: its lists are printed once the observer has finalised it`, { code: c.code, status: c.status }));
  }
  const stored = await repo.listAllocation(db, districtId, c.id);
  const ticketOf = new Map(stored.map((r) => [`${r.kind},${r.serial}`, r.ticket]));
  const names = await targetNames(db, districtId, c.acId);
  const rows: CeremonyListRow[] = [];
  for (const line of c.allocationCsv.split('\n')) {
    if (line === '') continue;
    const [kind = '', target = '', serial = ''] = line.split(',');
    const ticket = ticketOf.get(`${kind},${serial}`);
    if (ticket === undefined) throw new Error(`Ceremony ${c.code}: allocation.csv line ${line} has no stored ticket`);
    const name = names.get(target);
    rows.push({
      kind: kind as UnitKind, target, serial, ticket18: ticketPrefix(ticket),
      place: name?.en ?? '', placeHi: name?.hi ?? name?.en ?? '', reserve: target.startsWith('RESERVE-'),
    });
  }
  return ok({
    code: c.code, stage: c.stage, districtName: district?.name ?? '', districtNameHi: district?.nameHi ?? null,
    ac: acRow ? { number: acRow.number, name: acRow.name, nameHi: acRow.nameHi } : null,
    seed: c.seed, allocationHash: c.allocationHash,
    finalisedAt: c.finalisedAt ? new Date(c.finalisedAt).toISOString() : null, rows,
    replacements: (await repo.listReplacements(db, districtId, c.id)).map((r) => ({ kind: r.kind, target: r.target, oldSerial: r.oldSerial, newSerial: r.newSerial })),
  });
}

function judgeReader(
  reader: ListReader, place: { stateId: number; districtId: number; acId: number | null }, code: string, districtName: string,
  ac: { number: number; name: string } | undefined,
): Failure | undefined {
  // A district draw's list is for everyone in the district (an AC's RO and parties read their AC in it).
  const verdict = place.acId === null && reachesDistrict(reader.jurisdiction, place)
    ? can(reader, 'unit.read')
    : can(reader, 'unit.read', place);
  if (verdict.ok) return undefined;
  const where = ac ? `AC ${ac.number} ${ac.name} of ${districtName}` : districtName;
  return failure(verdict.error.type, `${reader.username} (${reader.role}) may not read the lists of ceremony ${code} in ${where}`, {
    code, role: reader.role, action: 'unit.read', districtName, ...(ac ? { acNumber: ac.number, acName: ac.name } : {}),
  });
}

/** AC-210 → "210 Kothrud", PS-001 → "1 Name of the station" (in English and Hindi where known). */
async function targetNames(db: Queryable, districtId: number, acId: number | null): Promise<Map<string, { en: string; hi: string | null }>> {
  const out = new Map<string, { en: string; hi: string | null }>();
  for (const a of await repo.districtAcNames(db, districtId)) out.set(`AC-${String(a.number).padStart(3, '0')}`, { en: `${a.number} ${a.name}`, hi: a.nameHi ? `${a.number} ${a.nameHi}` : null });
  if (acId !== null) {
    for (const s of await repo.acStationNames(db, districtId, acId)) {
      out.set(`PS-${String(s.number).padStart(3, '0')}`, { en: `${s.number} ${s.name}`, hi: s.nameHi ? `${s.number} ${s.nameHi}` : null });
    }
  }
  return out;
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * The CSV list: three `# name=value` lines (ceremony, seed, sha256(allocation.csv)), a header,
 * then one line per allocation.csv line, in its order: TYPE,TARGET,ID are that line's bytes,
 * TICKET18 the first 18 digits of the unit's ticket, PLACE the target in words (LF, final LF).
 * Logged replacements from reserve follow as `# replaced=TYPE,TARGET,OLD,NEW` lines.
 */
export function ceremonyListCsv(list: CeremonyList): string {
  const head = [`# ceremony=${list.code}`, `# seed=${list.seed}`, `# sha256(allocation.csv)=${list.allocationHash}`, 'TYPE,TARGET,ID,TICKET18,PLACE'];
  const lines = list.rows.map((r) => `${r.kind},${r.target},${r.serial},${r.ticket18},${csvField(r.place)}`);
  const replaced = list.replacements.map((r) => `# replaced=${r.kind},${r.target},${r.oldSerial},${r.newSerial}`);
  return [...head, ...lines, ...replaced].map((l) => `${l}\n`).join('');
}

export function ceremonyListFilename(list: CeremonyList, ext: 'csv' | 'pdf', language?: string): string {
  const which = list.stage === 'second' ? 'ps-wise' : 'ac-wise';
  return `${list.code}-${which}-list${language ? `-${language}` : ''}.${ext}`;
}
