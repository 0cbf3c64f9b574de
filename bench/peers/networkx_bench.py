#!/usr/bin/python3
"""NetworkX peer for bench/run_macro.py: load an edge list (one
"source<TAB>target" line per relation, node numbers), then time shortest
paths between the given pairs with bidirectional BFS. Prints one JSON
object: load_s, query_ms (one per pair), hops, networkx version.

Run with Debian's python3-networkx (/usr/bin/python3), as the issue's
reference figures were measured.

  networkx_bench.py EDGES.tsv PAIRS.tsv
"""
import json
import sys
import time

import networkx as nx


def main():
    edges_path, pairs_path = sys.argv[1], sys.argv[2]
    start = time.perf_counter()
    g = nx.Graph()
    with open(edges_path) as f:
        g.add_edges_from((int(a), int(b)) for a, b in (line.split() for line in f))
    load_s = time.perf_counter() - start
    pairs = [tuple(int(x) for x in line.split()) for line in open(pairs_path)]
    query_ms, hops = [], []
    for a, b in pairs:
        t = time.perf_counter()
        try:
            path = nx.bidirectional_shortest_path(g, a, b)
            hops.append(len(path) - 1)
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            hops.append(None)
        query_ms.append((time.perf_counter() - t) * 1000)
    print(json.dumps({"peer": "networkx", "version": nx.__version__, "nodes": g.number_of_nodes(),
                      "edges": g.number_of_edges(), "load_s": load_s, "query_ms": query_ms, "hops": hops}))


if __name__ == "__main__":
    main()
