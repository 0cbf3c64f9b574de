#!/usr/bin/env python3
"""Checks kg's path queries against NetworkX on a real graph.

Builds a graph from a corpus (default: ../shared/corpus/bbc) with
`kg ingest`, exports it as GraphML, loads that with NetworkX (Debian's
python3-networkx) and, for random pairs of actors, compares the length of
the shortest path `kg path --format json` finds with
networkx.shortest_path_length on the same graph taken as undirected (kg's
default: a relation connects its actors either way). It also checks that
every hop kg reports is an edge of the GraphML graph, and compares kg's
degree and betweenness rankings (`kg top`) with NetworkX's.

    scripts/compare_networkx.py --kg build/cli/kg [--corpus DIR] [--pairs 100]

Exit status: 0 all agree, 1 a disagreement (printed), 2 a command failed,
77 skipped (no NetworkX, or no corpus): CTest reads 77 as "skipped".
"""

import argparse
import concurrent.futures
import json
import os
import random
import subprocess
import sys
import tempfile
import time

SKIP = 77


def skip(reason):
    print(f"SKIP: {reason}")
    sys.exit(SKIP)


def run(cmd, ok_codes=(0,)):
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode not in ok_codes:
        print(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr}", file=sys.stderr)
        sys.exit(2)
    return proc


def pick_pairs(graph, count, rng):
    """Half the pairs from within one connected component (so that there is
    a path to compare), half from all actors that have a relation (mostly
    unconnected in a news graph: kg must say so too)."""
    import networkx as nx

    actors = sorted(n for n in graph.nodes if graph.degree(n) > 0)
    components = [sorted(c) for c in nx.connected_components(graph) if len(c) > 1]
    weights = [len(c) for c in components]
    pairs = []
    while len(pairs) < count // 2 and components:
        component = rng.choices(components, weights=weights)[0]
        pairs.append(tuple(rng.sample(component, 2)))
    while len(pairs) < count and len(actors) > 1:
        pairs.append(tuple(rng.sample(actors, 2)))
    return pairs


def compare_rankings(kg, db, graph, key_of):
    """kg top by degree and by betweenness against NetworkX, top 10 scores."""
    import networkx as nx

    problems = []
    # Actors without relations score 0 either way; leaving them out makes
    # NetworkX's betweenness several times faster.
    related = graph.subgraph(n for n in graph if graph.degree(n) > 0)
    expected = {
        "degree": {key_of[n]: d for n, d in related.degree()},
        "betweenness": {key_of[n]: b for n, b in nx.betweenness_centrality(related, normalized=False).items()},
    }
    for measure, scores in expected.items():
        out = run([kg, "top", "--by", measure, "--limit", "10", "--format", "json", "--db", db]).stdout
        for actor in json.loads(out)["actors"]:
            want = scores.get(actor["key"])
            if want is None or abs(want - actor["score"]) > 1e-6 * max(1.0, want):
                problems.append(f"{measure} of {actor['key']}: kg {actor['score']}, networkx {want}")
        top_kg = sorted((round(a["score"], 6) for a in json.loads(out)["actors"]), reverse=True)
        top_nx = sorted((round(s, 6) for s in scores.values()), reverse=True)[: len(top_kg)]
        if top_kg != top_nx:
            problems.append(f"{measure}: top scores differ: kg {top_kg}, networkx {top_nx}")
    return problems


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kg", default=os.path.join(here, "..", "build", "cli", "kg"), help="the kg program")
    parser.add_argument("--corpus", default=os.path.join(here, "..", "..", "shared", "corpus", "bbc"))
    parser.add_argument("--pairs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="kg processes at a time")
    parser.add_argument("--workdir", help="keep the database and GraphML here (default: a temporary directory)")
    args = parser.parse_args()

    try:
        import networkx as nx
    except ImportError:
        skip("NetworkX is not installed (apt-get install python3-networkx)")
    if not os.path.isdir(args.corpus):
        skip(f"{args.corpus} is absent (the BBC corpus lives in ../shared)")
    if not os.access(args.kg, os.X_OK):
        print(f"{args.kg}: not an executable kg program", file=sys.stderr)
        return 2

    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kg-networkx-") as tmp:
        work = args.workdir or tmp
        os.makedirs(work, exist_ok=True)
        db = os.path.join(work, "kg.db")
        graphml = os.path.join(work, "graph.graphml")
        if not os.path.isdir(db):
            run([args.kg, "ingest", args.corpus, "--db", db], ok_codes=(0, 1))  # 1: some articles failed
        ingested = time.monotonic()
        run([args.kg, "export", "--format", "graphml", "-o", graphml, "--db", db])

        directed = nx.read_graphml(graphml)
        key_of = {n: data["key"] for n, data in directed.nodes(data=True)}
        # kg paths treat a relation as a connection either way, several
        # relations between two actors as one hop, and ignore self-relations.
        graph = nx.Graph(directed.to_undirected())
        graph.remove_edges_from(list(nx.selfloop_edges(graph)))
        node_of = {key: n for n, key in key_of.items()}

        rng = random.Random(args.seed)
        pairs = pick_pairs(graph, args.pairs, rng)

        # Each query is its own kg process (loading the graph dominates);
        # they run side by side, reading the database read-only.
        def ask(pair):
            a, b = pair
            cmd = [args.kg, "path", key_of[a], key_of[b], "--max-hops", "50", "--format", "json", "--db", db]
            return json.loads(run(cmd, ok_codes=(0, 1)).stdout)

        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            answers = list(pool.map(ask, pairs))
        problems, connected, lengths = [], 0, []
        for (a, b), answer in zip(pairs, answers):
            kg_length = answer["paths"][0]["length"] if answer["paths"] else None
            try:
                nx_length = nx.shortest_path_length(graph, a, b)
            except nx.NetworkXNoPath:
                nx_length = None
            if kg_length != nx_length:
                problems.append(f"{key_of[a]} -> {key_of[b]}: kg {kg_length}, networkx {nx_length}")
            if nx_length is not None:
                connected += 1
                lengths.append(nx_length)
            for path in answer["paths"]:
                for hop in path["hops"]:
                    u, v = node_of.get(hop["source_key"]), node_of.get(hop["target_key"])
                    if u is None or v is None or not graph.has_edge(u, v):
                        problems.append(f"hop {hop['source_key']} {hop['relation']} {hop['target_key']} "
                                        "is not an edge of the GraphML export")
        problems += compare_rankings(args.kg, db, graph, key_of)
        finished = time.monotonic()

    print(f"graph: {directed.number_of_nodes()} entities, {directed.number_of_edges()} relations; "
          f"{graph.number_of_edges()} related pairs")
    spread = f", lengths {min(lengths)}-{max(lengths)}" if lengths else ""
    print(f"pairs: {len(pairs)} ({connected} connected{spread}); "
          f"kg and networkx agree on {len(pairs) - sum(1 for p in problems if ' -> ' in p)}")
    print(f"time: {finished - started:.1f} s ({ingested - started:.1f} s ingest, "
          f"{finished - ingested:.1f} s export and {len(pairs)} path queries)")
    for problem in problems:
        print(f"MISMATCH {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
