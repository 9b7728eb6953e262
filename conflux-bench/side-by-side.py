#!/usr/bin/env python3
"""Prints the JSON lines of one run (Conflux and the peers) as Markdown tables, one per workload."""
import collections
import json
import sys

rows = collections.defaultdict(dict)
for line in open(sys.argv[1]):
    line = line.strip()
    if not line.startswith('{"peer"'):
        continue
    r = json.loads(line)
    rows[r["workload"]].setdefault(r["peer"], {})[r["metric"]] = (r["value"], r["unit"])
for workload, peers in rows.items():
    metrics = sorted({m for p in peers.values() for m in p})
    print(f"\n**{workload}**\n")
    print("| peer | " + " | ".join(metrics) + " |")
    print("|---|" + "---|" * len(metrics))
    for peer, values in sorted(peers.items()):
        cells = []
        for m in metrics:
            v = values.get(m)
            cells.append("" if v is None else f"{v[0]:,.1f} {v[1]}".replace(" 1/s", "/s"))
        print(f"| {peer} | " + " | ".join(cells) + " |")
