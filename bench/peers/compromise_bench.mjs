// compromise peer for bench/run_macro.py: the rule-based entity finder in
// JavaScript over the same articles kg extracts. Finds people, places and
// organisations in each article (no relations: compromise has none).
// Prints one JSON object: seconds, bytes, articles, entities.
//
//   node compromise_bench.mjs FILES.txt   (one article path per line)
// (run from the folder where `npm install compromise` put node_modules)
import fs from 'node:fs';
import nlp from 'compromise';

const files = fs.readFileSync(process.argv[2], 'utf8').trim().split('\n');
const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
let bytes = 0, entities = 0;
const start = performance.now();
for (const text of texts) {
  const doc = nlp(text);
  entities += doc.people().out('array').length + doc.places().out('array').length +
              doc.organizations().out('array').length;
  bytes += Buffer.byteLength(text);
}
const seconds = (performance.now() - start) / 1000;
console.log(JSON.stringify({ peer: 'compromise', seconds, bytes, articles: texts.length, entities }));
