/**
 * The one EVMLOG/1 log writer, without I/O: turns drafts into entries (device chains, salt,
 * IST timestamp), extends the RFC 6962 tree over a pluggable node store and reports what to
 * persist (entries, new complete subtrees, device heads, the new head). The api loads the
 * frontier of the tree into a MemoryNodeStore, appends, and writes the result in the same
 * transaction; the seeds and bench build whole logs in memory with the same code.
 * Time and randomness are parameters: `now` per append and a `salt` source.
 */
import { toHex, utf8Encode } from './bytes.ts';
import { ZERO_HASH_HEX, entryText, type EvmLogEntry } from './entry.ts';
import { EMPTY_ROOT, hashRange, leafHash, newCompleteNodes, rangeSubtrees, type NodeId, type TreeNode } from './merkle.ts';
import { formatIstTimestamp } from './time.ts';

/** What a caller says about a custody event; the builder adds log, chain, time and salt. */
export interface LogEntryDraft {
  readonly type: string;
  readonly event?: string;
  readonly state?: string;
  readonly units: readonly string[];
  readonly from: string;
  readonly to: string;
  readonly actor: string;
  readonly witnesses?: readonly string[];
  readonly seals?: readonly string[];
  readonly doc?: string;
  readonly reason?: string;
  /** Capture device; entries made by the server itself use the district's server device. */
  readonly dev?: string;
  /** When the event happened, if not at the time of the append (events recorded in a batch). */
  readonly at?: Date;
}

/** The device name of entries the server records itself. */
export function serverDevice(origin: string): string {
  return `SRV:${origin}`;
}

/** Complete Merkle subtrees by (level, index); level 0 holds the leaf hashes. */
export interface NodeStore {
  get(level: number, index: number): Uint8Array | undefined;
  put(node: TreeNode): void;
}

export class MemoryNodeStore implements NodeStore {
  readonly #nodes = new Map<string, Uint8Array>();

  constructor(nodes: Iterable<TreeNode> = []) {
    for (const node of nodes) this.put(node);
  }

  get(level: number, index: number): Uint8Array | undefined {
    return this.#nodes.get(`${level}:${index}`);
  }

  put(node: TreeNode): void {
    this.#nodes.set(`${node.level}:${node.index}`, node.hash);
  }
}

/** The stored nodes an append to a tree of `size` leaves needs (its frontier). */
export function frontierOf(size: number): NodeId[] {
  return size === 0 ? [] : rangeSubtrees(0, size);
}

/** The chain state of one capture device: its last devSeq and that entry's leaf hash. */
export interface DeviceChainHead {
  readonly dev: string;
  readonly seq: number;
  readonly lastLeafHash: Uint8Array;
}

export interface AppendedEntry {
  readonly idx: number;
  readonly entry: EvmLogEntry;
  /** Canonical JSON, validated against the EVMLOG/1 schema. */
  readonly text: string;
  readonly leafHash: Uint8Array;
  readonly draft: LogEntryDraft;
  readonly ts: Date;
}

export interface LogBuilderState {
  readonly origin: string;
  readonly size: number;
  /** Must hold at least frontierOf(size). */
  readonly nodes: NodeStore;
  readonly devices?: Iterable<DeviceChainHead>;
  /** 16 random bytes per entry (crypto in the api, a seeded PRNG in the seeds). */
  readonly salt: () => Uint8Array;
}

export class LogBuilder {
  readonly origin: string;
  readonly #nodes: NodeStore;
  readonly #devices = new Map<string, DeviceChainHead>();
  readonly #touched = new Set<string>();
  readonly #salt: () => Uint8Array;
  #size: number;
  #newNodes: TreeNode[] = [];

  constructor(state: LogBuilderState) {
    this.origin = state.origin;
    this.#size = state.size;
    this.#nodes = state.nodes;
    this.#salt = state.salt;
    for (const head of state.devices ?? []) this.#devices.set(head.dev, head);
  }

  get size(): number {
    return this.#size;
  }

  /** Builds, validates and hashes one entry (at `draft.at`, else `now`) and extends the tree by it. */
  append(draft: LogEntryDraft, now: Date): AppendedEntry {
    const ts = draft.at ?? now;
    const idx = this.#size;
    const dev = draft.dev ?? serverDevice(this.origin);
    const prior = this.#devices.get(dev);
    const entry = draftEntry(draft, {
      log: this.origin, ts: formatIstTimestamp(ts), dev, devSeq: (prior?.seq ?? 0) + 1,
      devPrev: prior ? toHex(prior.lastLeafHash) : ZERO_HASH_HEX, salt: toHex(this.#salt()),
    });
    const text = entryText(entry);
    const hash = leafHash(utf8Encode(text));
    this.#devices.set(dev, { dev, seq: entry.devSeq, lastLeafHash: hash });
    this.#touched.add(dev);
    for (const node of newCompleteNodes(idx, hash, (level, index) => this.#need(level, index))) {
      this.#nodes.put(node);
      this.#newNodes.push(node);
    }
    this.#size = idx + 1;
    return { idx, entry, text, leafHash: hash, draft, ts };
  }

  /** RFC 6962 root of the whole tree so far. */
  root(): Uint8Array {
    if (this.#size === 0) return EMPTY_ROOT;
    return hashRange(rangeSubtrees(0, this.#size).map((r) => this.#need(r.level, r.index)));
  }

  /** The complete subtrees made since the last call (to persist), bottom-up per append. */
  takeNewNodes(): TreeNode[] {
    const nodes = this.#newNodes;
    this.#newNodes = [];
    return nodes;
  }

  /** The chain heads of the devices that appended since construction. */
  touchedDevices(): DeviceChainHead[] {
    return [...this.#touched].map((dev) => this.#devices.get(dev) as DeviceChainHead);
  }

  #need(level: number, index: number): Uint8Array {
    const hash = this.#nodes.get(level, index);
    if (!hash) throw new Error(`Merkle node ${level}/${index} of log ${this.origin} is missing from the node store`);
    return hash;
  }
}

type ChainFields = Pick<EvmLogEntry, 'log' | 'ts' | 'dev' | 'devSeq' | 'devPrev' | 'salt'>;

/** The entry for a draft, given the fields the log adds. */
export function draftEntry(draft: LogEntryDraft, fields: ChainFields): EvmLogEntry {
  return {
    v: 1,
    log: fields.log,
    ts: fields.ts,
    type: draft.type,
    units: [...draft.units],
    from: draft.from,
    to: draft.to,
    actor: draft.actor,
    witnesses: [...(draft.witnesses ?? [])],
    seals: [...(draft.seals ?? [])],
    dev: fields.dev,
    devSeq: fields.devSeq,
    devPrev: fields.devPrev,
    salt: fields.salt,
    ...(draft.event === undefined ? {} : { event: draft.event }),
    ...(draft.state === undefined ? {} : { state: draft.state }),
    ...(draft.reason === undefined ? {} : { reason: draft.reason }),
    ...(draft.doc === undefined ? {} : { doc: draft.doc }),
  };
}
