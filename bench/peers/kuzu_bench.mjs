// Kuzu peer for bench/run_macro.py: bulk-load an edge list (COPY from CSV)
// into a new embedded database, then time shortest-path queries between the
// given pairs. Prints one JSON object: load_s, query_ms (one per pair), hops.
//
//   node kuzu_bench.mjs EDGES.tsv PAIRS.tsv SCRATCH_DIR
// (run from the folder where `npm install kuzu` put node_modules)
import fs from 'node:fs';
import path from 'node:path';
import kuzu from 'kuzu';

const [edgesPath, pairsPath, scratch] = process.argv.slice(2);
fs.rmSync(scratch, { recursive: true, force: true });
fs.mkdirSync(scratch, { recursive: true });
// Kuzu's COPY wants CSV files: nodes, then relations.
const edges = fs.readFileSync(edgesPath, 'utf8').trim().split('\n').map((l) => l.split('\t'));
let maxNode = 0;
for (const [a, b] of edges) maxNode = Math.max(maxNode, +a, +b);
const nodesCsv = path.join(scratch, 'nodes.csv');
const edgesCsv = path.join(scratch, 'edges.csv');
fs.writeFileSync(nodesCsv, Array.from({ length: maxNode + 1 }, (_, i) => i).join('\n') + '\n');
fs.writeFileSync(edgesCsv, edges.map(([a, b]) => `${a},${b}`).join('\n') + '\n');

const start = performance.now();
const db = new kuzu.Database(path.join(scratch, 'graph.kz'));
const conn = new kuzu.Connection(db);
await conn.query('CREATE NODE TABLE N(id INT64, PRIMARY KEY(id))');
await conn.query('CREATE REL TABLE E(FROM N TO N)');
await conn.query(`COPY N FROM "${nodesCsv}" (HEADER=false)`);
await conn.query(`COPY E FROM "${edgesCsv}" (HEADER=false)`);
const loadS = (performance.now() - start) / 1000;

const pairs = fs.readFileSync(pairsPath, 'utf8').trim().split('\n').map((l) => l.split('\t').map(Number));
const queryMs = [], hops = [];
const stmt = await conn.prepare(
  'MATCH (a:N)-[e:E* SHORTEST 1..30]-(b:N) WHERE a.id = $a AND b.id = $b RETURN length(e) AS hops');
for (const [a, b] of pairs) {
  const t = performance.now();
  const result = await conn.execute(stmt, { a, b });
  const rows = await result.getAll();
  queryMs.push(performance.now() - t);
  hops.push(rows.length ? Number(rows[0].hops) : null);
}
console.log(JSON.stringify({ peer: 'kuzu', version: kuzu.VERSION ?? null, load_s: loadS, query_ms: queryMs, hops }));
await conn.close();
await db.close();
