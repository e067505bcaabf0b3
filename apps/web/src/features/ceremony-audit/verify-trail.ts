import { fromHex, leafHash, parseCheckpoint, toHex, utf8Encode, verifyInclusion, verifyNote, type CeremonyDetail } from '@evmtrail/shared';

/*
 * The observer's audit trail checked in this browser (issue 8 item 5): the checkpoint is signed by
 * the district log's key, every RAND_* entry of the ceremony hashes to its leaf and is included
 * under the signed root, and each entry says what the page shows (code, P and Q, party and
 * commitment, dice, reveal, seed and sha256(allocation.csv), the observer, and who did the step).
 * The server is trusted for nothing but the key.
 */

export interface TrailEntryInput {
  readonly index: number;
  /** The exact canonical JSON text of the EVMLOG/1 entry. */
  readonly entry: string;
  readonly leafHashHex: string;
  readonly proof: readonly string[];
}

export interface TrailInput {
  readonly code: string;
  readonly checkpoint: { readonly origin: string; readonly size: number; readonly rootHex: string; readonly note: string };
  readonly logVkey: string;
  readonly entries: readonly TrailEntryInput[];
}

export type StepKind = 'freeze' | 'commit' | 'dice' | 'reveal' | 'allocate' | 'finalise' | 'abandon' | 'replace';

/** Why one step's entry failed; the page words each one. */
export type StepProblem =
  | { readonly type: 'missing' }
  | { readonly type: 'bad_proof' }
  | { readonly type: 'leaf_hash_mismatch' }
  | { readonly type: 'unreadable' }
  | { readonly type: 'content_mismatch'; readonly what: string }
  | { readonly type: 'unexpected' };

export interface StepCheck {
  readonly step: StepKind;
  /** The party of a commitment or reveal, the serial of a replacement. */
  readonly subject?: string;
  readonly index?: number;
  readonly actor?: string;
  readonly ts?: string;
  readonly problem?: StepProblem;
}

export type TrailVerdict =
  | { readonly ok: false; readonly signature: string }
  | { readonly ok: boolean; readonly size: number; readonly rootHex: string; readonly steps: readonly StepCheck[] };

const TYPE_OF: Readonly<Record<StepKind, string>> = {
  freeze: 'RAND_FREEZE', commit: 'RAND_COMMIT', dice: 'RAND_DICE', reveal: 'RAND_REVEAL', allocate: 'RAND_ALLOCATE',
  finalise: 'RAND_FINALISE', abandon: 'RAND_ABANDON', replace: 'RAND_REPLACE',
};

interface Expected {
  readonly step: StepKind;
  readonly subject?: string;
  /** Picks this step's entry among those of its type (a party's, a serial's). */
  readonly pick?: string;
  /** Each must appear in the entry's reason: the facts the page shows. */
  readonly facts: readonly (readonly [what: string, text: string])[];
  readonly by?: string;
}

/** The steps the page shows, each with the facts its log entry must state. */
function expectedSteps(c: CeremonyDetail): Expected[] {
  const out: Expected[] = [{ step: 'freeze', facts: [['P', `P=${c.poolHash}`], ['Q', `Q=${c.demandHash}`]], by: c.created.by }];
  for (const p of c.parties) {
    out.push({ step: 'commit', subject: p.party, pick: `party ${p.party} committed`, facts: [['commitment', `party ${p.party} committed ${p.commitment}`]], by: p.committed.by });
  }
  if (c.diceDigits !== null) out.push({ step: 'dice', facts: [['dice', `dice ${c.diceDigits};`]], ...(c.dice ? { by: c.dice.by } : {}) });
  for (const p of c.parties) {
    if (p.reveal === null) continue;
    out.push({ step: 'reveal', subject: p.party, pick: `party ${p.party} revealed`, facts: [['reveal', `party ${p.party} revealed ${p.reveal} `]], ...(p.revealed ? { by: p.revealed.by } : {}) });
  }
  if (c.seed !== null) {
    out.push({ step: 'allocate', facts: [['seed', `seed ${c.seed};`], ['sha256(allocation.csv)', `sha256(allocation.csv)=${c.allocationHash ?? ''}`]], ...(c.allocated ? { by: c.allocated.by } : {}) });
  }
  if (c.finalised) {
    out.push({ step: 'finalise', facts: [['sha256(allocation.csv)', `sha256(allocation.csv)=${c.allocationHash ?? ''}`], ['observer', `cosigned by observer ${c.finalised.by}`]], by: c.finalised.by });
  }
  if (c.abandoned) out.push({ step: 'abandon', facts: [['reason', `abandoned: ${c.abandoned.reason}`]], by: c.abandoned.by });
  for (const r of c.replacements) {
    out.push({ step: 'replace', subject: r.oldSerial, pick: `${r.oldSerial} replaced by`, facts: [['serials', `${r.oldSerial} replaced by ${r.newSerial}`]], by: r.replaced.by });
  }
  return out;
}

interface ReadEntry {
  readonly input: TrailEntryInput;
  readonly type: string;
  readonly reason: string;
  readonly actor: string;
  readonly ts: string;
  readonly proved: StepProblem | undefined;
}

function readEntry(e: TrailEntryInput, size: number, root: Uint8Array): ReadEntry {
  let json: { type?: unknown; reason?: unknown; actor?: unknown; ts?: unknown } = {};
  try {
    json = JSON.parse(e.entry) as typeof json;
  } catch {
    json = {};
  }
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return { input: e, type: str(json.type), reason: str(json.reason), actor: str(json.actor), ts: str(json.ts), proved: proveEntry(e, size, root) };
}

function proveEntry(e: TrailEntryInput, size: number, root: Uint8Array): StepProblem | undefined {
  if (!Number.isInteger(e.index) || e.index < 0 || e.index >= size) return { type: 'bad_proof' };
  let proof: Uint8Array[];
  try {
    proof = e.proof.map((h) => fromHex(h));
  } catch {
    return { type: 'bad_proof' };
  }
  const hash = leafHash(utf8Encode(e.entry));
  if (!verifyInclusion(e.index, size, hash, proof, root)) return { type: 'bad_proof' };
  // The text is the signed one; the served leaf hash must say so too.
  return toHex(hash) === e.leafHashHex.toLowerCase() ? undefined : { type: 'leaf_hash_mismatch' };
}

/** Verifies the ceremony's trail against the signed checkpoint and the page's facts. */
export function verifyTrail(input: TrailInput, c: CeremonyDetail): TrailVerdict {
  const note = verifyNote(input.checkpoint.note, [input.logVkey]);
  if (!note.ok) return { ok: false, signature: note.error.message };
  const parsed = parseCheckpoint(note.value.text);
  if (!parsed.ok) return { ok: false, signature: parsed.error.message };
  const { size, root } = parsed.value;
  if (size !== input.checkpoint.size || toHex(root) !== input.checkpoint.rootHex.toLowerCase()) {
    return { ok: false, signature: `the server's tree size ${input.checkpoint.size} and root are not the signed ones (${size})` };
  }
  const head = `Ceremony ${c.code}`;
  const entries = input.entries.map((e) => readEntry(e, size, root));
  const used = new Set<ReadEntry>();
  const steps: StepCheck[] = expectedSteps(c).map((x) => {
    const entry = entries.find((e) => !used.has(e) && e.type === TYPE_OF[x.step] && e.reason.startsWith(head) && (x.pick === undefined || e.reason.includes(x.pick)));
    const base = { step: x.step, ...(x.subject !== undefined ? { subject: x.subject } : {}) };
    if (!entry) return { ...base, problem: { type: 'missing' } };
    used.add(entry);
    const at = { ...base, index: entry.input.index, actor: entry.actor, ts: entry.ts };
    if (entry.proved) return { ...at, problem: entry.proved };
    const wrong = x.facts.find(([, text]) => !entry.reason.includes(text));
    if (wrong) return { ...at, problem: { type: 'content_mismatch', what: wrong[0] } };
    if (x.by !== undefined && entry.actor !== x.by) return { ...at, problem: { type: 'content_mismatch', what: 'who' } };
    return at;
  });
  // An entry of this ceremony that the page does not show is a difference too.
  for (const e of entries) {
    if (used.has(e)) continue;
    const step = (Object.keys(TYPE_OF) as StepKind[]).find((k) => TYPE_OF[k] === e.type) ?? 'freeze';
    steps.push({ step, index: e.input.index, actor: e.actor, ts: e.ts, problem: e.proved ?? { type: 'unexpected' } });
  }
  steps.sort((a, b) => (a.index ?? Number.MAX_SAFE_INTEGER) - (b.index ?? Number.MAX_SAFE_INTEGER));
  return { ok: steps.every((s) => s.problem === undefined), size, rootHex: toHex(root), steps };
}
