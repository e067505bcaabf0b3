#!/usr/bin/env python3
"""Redraw an EVMRAND/1 randomisation with Rivest's consistent_sampler.py, independently of EVM Trail.

    python3 evmrand_redraw.py <folder randomisations/<code>> <folder holding consistent_sampler.py>

Reads pool.csv, demand.csv and seed.txt from the folder, orders each kind's pool with
sampler(ids, seed=S + "|T=" + kind), cuts the blocks in demand order, lists the rest as
RESERVE-<U>, and prints the allocation.csv it gets. Exit 0 when it equals the folder's
allocation.csv byte for byte, 1 (and the first differing line on stderr) when it does not.
Standard library only. (specs/evmrand-v1.md §4.4)
"""
import os
import sys


def main():
    folder, reference = sys.argv[1], sys.argv[2]
    sys.path.insert(0, reference)
    from consistent_sampler import sampler

    def read(name):
        with open(os.path.join(folder, name), encoding="utf-8", newline="") as f:
            return f.read()

    seed = read("seed.txt").strip()
    scope = next(f[2:] for f in seed.split("|") if f.startswith("U="))
    pool = {"BU": [], "CU": [], "VVPAT": []}
    for line in read("pool.csv").splitlines():
        kind, serial = line.split(",", 1)
        pool[kind].append(serial)
    demand = [line.split(",") for line in read("demand.csv").splitlines()]
    lines = []
    for kind in ["BU", "CU", "VVPAT"]:
        order = list(sampler(pool[kind], seed=seed + "|T=" + kind, with_replacement=False, output="id")) if pool[kind] else []
        cursor = 0
        for k, target, count in demand:
            if k != kind:
                continue
            lines += [kind + "," + target + "," + i for i in order[cursor:cursor + int(count)]]
            cursor += int(count)
        lines += [kind + ",RESERVE-" + scope + "," + i for i in order[cursor:]]
    mine = "".join(line + "\n" for line in lines)
    sys.stdout.write(mine)
    published = read("allocation.csv")
    if mine == published:
        return 0
    a, b = published.split("\n"), mine.split("\n")
    for n in range(max(len(a), len(b))):
        pa = a[n] if n < len(a) else ""
        pb = b[n] if n < len(b) else ""
        if pa != pb:
            sys.stderr.write("differs at line %d: published %r, redrawn %r\n" % (n + 1, pa, pb))
            break
    return 1


if __name__ == "__main__":
    sys.exit(main())
