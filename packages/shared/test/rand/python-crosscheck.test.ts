/**
 * Cross-check against Ronald L. Rivest's own consistent_sampler.py (test/fixtures/reference,
 * unmodified, MIT): the same pools ordered by his code and ours must match byte for byte, tickets
 * included, and a whole allocation cut in Python from his order must hash the same as ours.
 * Needs python3 (standard library only). Without it the cross-check cannot run: the always-run
 * test below says so in its name and on stderr, and fails when CI is set (CI has python3).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UNIT_KINDS } from '../../src/domain/units.ts';
import { allocate, freezeDemand, freezePool, orderByTicket, seedFrom, sha256Hex, type PoolUnit } from '../../src/rand/index.ts';

const REFERENCE_DIR = fileURLToPath(new URL('../fixtures/reference/', import.meta.url));
/** sha256 of code/consistent_sampler.py at ron-rivest/consistent_sampler@59f1485 (specs/evmrand-v1.md §4.6). */
const REFERENCE_SHA256 = '01c7bf4702656acd770354047b2dd831ab5d35f62c5df7771fc86bf88ff2a8ac';
const hasPython = spawnSync('python3', ['--version']).status === 0;

/** Reads a JSON job on stdin; prints "ticket,id" lines in Rivest's order and the allocation hash. */
const PY = `
import hashlib, json, sys
sys.path.insert(0, sys.argv[1])
from consistent_sampler import sampler
job = json.load(sys.stdin)
out = {"orders": [], "allocation_sha256": None}
for ids, seed in job["orders"]:
    lines = [t[0] + "," + t[1] for t in sampler(ids, seed=seed, with_replacement=False, output='tuple', digits=100)]
    out["orders"].append("\\n".join(lines) + "\\n")
alloc = job["allocation"]
lines = []
for kind in ["BU", "CU", "VVPAT"]:
    order = list(sampler(alloc["pool"][kind], seed=alloc["seed"] + "|T=" + kind, with_replacement=False, output='id'))
    cursor = 0
    for k, target, count in alloc["demand"]:
        if k != kind: continue
        lines += [kind + "," + target + "," + i for i in order[cursor:cursor + count]]
        cursor += count
    lines += [kind + ",RESERVE-" + alloc["scope"] + "," + i for i in order[cursor:]]
out["allocation_sha256"] = hashlib.sha256(("".join(l + "\\n" for l in lines)).encode("utf-8")).hexdigest()
json.dump(out, sys.stdout)
`;

/** A fixed, irregular pool: n distinct serials of one kind, not in numeric order. */
function serials(prefix: string, n: number, step: number): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}-${String((i * step + 17) % 1_000_000).padStart(6, '0')}`);
}

describe("cross-check with Rivest's consistent_sampler.py", () => {
  it(hasPython ? 'python3 found: the cross-check runs' : 'python3 NOT FOUND: the cross-check with Rivest’s sampler is SKIPPED', () => {
    if (!hasPython) {
      console.error('\n*** python3 is not on PATH: EVMRAND/1 was NOT cross-checked against Rivest’s consistent_sampler.py ***\n');
      expect(process.env.CI ?? '', 'CI must have python3 for the EVMRAND/1 cross-check').toBe('');
    }
  });

  it('the reference copy is unmodified', () => {
    expect(sha256Hex(readFileSync(new URL('consistent_sampler.py', `file://${REFERENCE_DIR}`), 'utf8'))).toBe(REFERENCE_SHA256);
  });

  it.runIf(hasPython)('3,000-unit pool orders, a Unicode id list and a whole allocation match byte for byte', () => {
    const bu = serials('BU', 3000, 7919);
    const odd = ['☃-1', '😀', 'é', 'plain', 'ÅÄÖ', '中文-7', 'a,b'];
    const pool: PoolUnit[] = [...bu.slice(0, 1200).map((serial) => ({ kind: 'BU' as const, serial })), ...serials('CU', 1150, 104_729).map((serial) => ({ kind: 'CU' as const, serial })), ...serials('VV', 1300, 15_485_863).map((serial) => ({ kind: 'VVPAT' as const, serial }))];
    const frozen = freezePool(pool);
    const demandRows = UNIT_KINDS.flatMap((kind, k) => Array.from({ length: 9 }, (_, t) => ({ kind, target: `AC-${String(50 + t).padStart(3, '0')}`, count: 60 + 13 * t + 7 * k })));
    const demand = freezeDemand(demandRows);
    if (!frozen.ok || !demand.ok) throw new Error('fixture');
    const seed = seedFrom({ electionId: 'GE2029', stage: '1', scope: 'D0412', poolHash: frozen.value.hash, demandHash: demand.value.hash, dice: '27182818284590452353', parties: [{ party: 'P02', commitment: 'c'.repeat(64) }, { party: 'P07' }] });
    if (!seed.ok) throw new Error(seed.error.message);
    const orders: [string[], string][] = [[bu, `${seed.value}|T=BU`], [odd, 'snowman: ☃ 😀']];
    const job = { orders, allocation: { pool: frozen.value.byKind, seed: seed.value, scope: 'D0412', demand: demand.value.rows.map((r) => [r.kind, r.target, r.count]) } };

    const py = spawnSync('python3', ['-c', PY, REFERENCE_DIR], { input: JSON.stringify(job), encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
    expect(py.stderr).toBe('');
    expect(py.status).toBe(0);
    const theirs = JSON.parse(py.stdout) as { orders: string[]; allocation_sha256: string };

    orders.forEach(([ids, s], i) => {
      const mine = orderByTicket(ids, s);
      if (!mine.ok) throw new Error(mine.error.message);
      const text = mine.value.ids.map((id, rank) => `${mine.value.ticket(rank)},${id}\n`).join('');
      expect(text).toBe(theirs.orders[i]);
    });
    const allocation = allocate({ pool: frozen.value, demand: demand.value, seed: seed.value });
    if (!allocation.ok) throw new Error(allocation.error.message);
    expect(UNIT_KINDS.map((k) => allocation.value.byKind[k].reserve.length > 0)).toEqual([true, true, true]);
    expect(allocation.value.hash).toBe(theirs.allocation_sha256);
  });
});
