#!/usr/bin/env node
// Checks a kg JSON-LD export with jsonld.js (the reference JavaScript
// processor) and prints it as N-Quads.
//
//   node tests/jsonld/expand.js out.jsonld > out.nq
//
// Exits non-zero when the document cannot be expanded without loss: safe
// mode makes jsonld.js throw wherever it would otherwise silently drop a term
// (no @context definition, not under @vocab), a value or an IRI. Remote
// contexts are refused as well: a kg export must carry its context inline.
// The N-Quads lines are sorted, because their order is not specified.
'use strict';

const fs = require('fs');
const jsonld = require('jsonld');

async function refuseRemote(url) {
  throw new Error(`remote context not allowed: ${url}`);
}

async function main(path) {
  const document = JSON.parse(fs.readFileSync(path, 'utf8'));
  const options = {safe: true, documentLoader: refuseRemote};
  const expanded = await jsonld.expand(document, options);
  // Every node of @graph must survive as a node of its own.
  const wanted = document['@graph'].length;
  if (expanded.length !== wanted) {
    throw new Error(`expansion kept ${expanded.length} of ${wanted} nodes`);
  }
  const nquads = await jsonld.toRDF(expanded, {...options, format: 'application/n-quads'});
  const lines = nquads.split('\n').filter((line) => line.length > 0).sort();
  if (lines.length === 0) throw new Error('no N-Quads produced');
  process.stdout.write(lines.join('\n') + '\n');
}

if (process.argv.length !== 3) {
  console.error('usage: node expand.js FILE.jsonld');
  process.exit(2);
}
main(process.argv[2]).catch((error) => {
  console.error(`${process.argv[2]}: ${error.message || error}`);
  if (error.details) console.error(JSON.stringify(error.details, null, 2));
  process.exit(1);
});
