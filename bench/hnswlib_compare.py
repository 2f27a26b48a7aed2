#!/usr/bin/python3
"""Runs the `semsearch bench ann` workload through hnswlib and prints USearch QPS / hnswlib QPS at equal recall.

    /usr/bin/python3 bench/hnswlib_compare.py OUT_DIR [--json]

OUT_DIR is what `semsearch bench ann --dump-vectors OUT_DIR --json > OUT_DIR/usearch.json` wrote: one folder per
collection with base.f32 (n x dim), queries.f32 (q x dim), truth.i32 (q x k exact neighbours) and meta.json, plus the
USearch rows. hnswlib gets the same graph settings (M, ef_construction), the same metric (cosine), builds on all
cores and answers queries on one thread, as the C# side does. Like the C# side, query speed is counted per CPU-second of
the querying thread (time.thread_time) and build speed per CPU-second of the process, so a busy shared machine does
not skew ratios measured minutes apart. Each USearch row (one ef) is compared with hnswlib's
QPS at the same recall, interpolated between the two hnswlib ef values around it. Needs Debian's python3-hnswlib.
"""
import argparse
import json
import os
import sys
import time

import hnswlib
import numpy as np

EFS = [10, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512]


def measure(folder, m, ef_construction, repeat):
    meta = json.load(open(os.path.join(folder, "meta.json")))
    n, dim, q, k = meta["n"], meta["dim"], meta["queries"], meta["k"]
    base = np.fromfile(os.path.join(folder, "base.f32"), dtype="<f4").reshape(n, dim)
    queries = np.fromfile(os.path.join(folder, "queries.f32"), dtype="<f4").reshape(q, dim)
    truth = np.fromfile(os.path.join(folder, "truth.i32"), dtype="<i4").reshape(q, k)

    index = hnswlib.Index(space="cosine", dim=dim)
    index.init_index(max_elements=n, ef_construction=ef_construction, M=m, random_seed=42)
    index.set_num_threads(os.cpu_count())
    started, cpu = time.perf_counter(), time.process_time()
    index.add_items(base, np.arange(n))
    build, build_cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"[hnswlib] n = {n:,}: built in {build:.1f} s ({n / build_cpu:,.0f} adds per CPU-second)", file=sys.stderr)

    index.set_num_threads(1)
    curve = []
    for ef in EFS:
        index.set_ef(max(ef, k))
        index.knn_query(queries[: min(q, 50)], k=k)  # warm-up
        best = float("inf")
        for _ in range(repeat):
            started = time.thread_time()  # num_threads=1 runs the queries on this thread
            labels, _ = index.knn_query(queries, k=k)
            best = min(best, time.thread_time() - started)
        recall = sum(len(set(labels[i]) & set(truth[i])) for i in range(q)) / (q * k)
        curve.append({"ef": ef, "recall_at_10": round(recall, 4), "qps": round(q / best, 1)})
        print(f"[hnswlib] n = {n:,}, ef {ef}: recall@{k} {recall:.3f}, {q / best:,.0f} queries per CPU-second", file=sys.stderr)
    return {"n": n, "dim": dim, "adds_per_cpu_second": round(n / build_cpu), "curve": curve}


def qps_at(curve, recall):
    """hnswlib QPS at a recall: on its Pareto frontier (the fastest setting reaching each recall), interpolated
    linearly between the two frontier points around it. Returns (qps, note)."""
    frontier = []
    for p in sorted(curve, key=lambda p: (-p["recall_at_10"], -p["qps"])):
        if not frontier or p["qps"] > frontier[-1][1]:
            frontier.append((p["recall_at_10"], p["qps"]))
    frontier.reverse()  # recall ascending, QPS descending
    if recall <= frontier[0][0]:
        return frontier[0][1], None if recall == frontier[0][0] else "below hnswlib's lowest recall: its fastest point"
    for (r0, q0), (r1, q1) in zip(frontier, frontier[1:]):
        if r0 < recall <= r1:
            return q0 + (recall - r0) / (r1 - r0) * (q1 - q0), None
    return None, "beyond hnswlib's highest measured recall"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir")
    parser.add_argument("--m", type=int, default=16)
    parser.add_argument("--ef-construction", type=int, default=128)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the comparison rows as JSON")
    args = parser.parse_args()

    usearch = json.load(open(os.path.join(args.out_dir, "usearch.json")))
    rows = []
    for name in sorted(os.listdir(args.out_dir), key=lambda s: (len(s), s)):
        folder = os.path.join(args.out_dir, name)
        if not os.path.isfile(os.path.join(folder, "meta.json")):
            continue
        h = measure(folder, args.m, args.ef_construction, args.repeat)
        for u in (r for r in usearch if r["n"] == h["n"]):
            hq, note = qps_at(h["curve"], u["recall_at_10"])
            rows.append({
                "n": u["n"], "scalar": u["scalar"], "ef": u["ef"], "calibrated": u.get("calibrated", False),
                "recall_at_10": u["recall_at_10"],
                "usearch_qps": u["qps"], "hnswlib_qps_at_recall": None if hq is None else round(hq, 1),
                "ratio": None if hq is None else round(u["qps"] / hq, 2),
                "exact_qps": u["exact_qps"], "usearch_vs_exact": u["speedup_vs_exact"],
                "usearch_adds_per_cpu_second": u["adds_per_cpu_second"], "hnswlib_adds_per_cpu_second": h["adds_per_cpu_second"],
                "note": note,
            })
    if args.json:
        print(json.dumps(rows))
        return
    print("q/s: queries per CPU-second of one thread; build: adds per CPU-second")
    print("USearch rows of every storage type against hnswlib f32; * marks the expansion calibrated for the recall target")
    print(f"{'n':>9} {'type':>5} {'ef':>5} {'recall@10':>9} {'USearch q/s':>12} {'hnswlib q/s':>12} {'USearch/hnswlib':>16} {'USearch/exact':>14} {'build USearch/hnswlib':>22}")
    for r in rows:
        ratio = "n/a" if r["ratio"] is None else f"{r['ratio']:.2f}x"
        hq = "n/a" if r["hnswlib_qps_at_recall"] is None else f"{r['hnswlib_qps_at_recall']:,.0f}"
        build = r["usearch_adds_per_cpu_second"] / r["hnswlib_adds_per_cpu_second"]
        ef = f"{r['ef']}{'*' if r['calibrated'] else ''}"
        print(f"{r['n']:>9,} {r['scalar']:>5} {ef:>5} {r['recall_at_10']:>9.3f} {r['usearch_qps']:>12,.0f} {hq:>12} {ratio:>16} "
              f"{r['usearch_vs_exact']:>13.1f}x {build:>21.2f}x" + (f"  ({r['note']})" if r["note"] else ""))


if __name__ == "__main__":
    main()
