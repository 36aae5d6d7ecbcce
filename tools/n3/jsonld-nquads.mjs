// Expand a JSON-LD file with jsonld.js and print its triples as N-Quads (used by the tests
// to check that another processor reads eucan.compact.jsonld as the same graph).
// Usage: node jsonld-nquads.mjs FILE. Remote contexts are refused: the file must say it all.
import { readFileSync } from "node:fs";
import jsonld from "jsonld";

const refuse = async (url) => {
  throw new Error(`remote context refused: ${url}`);
};
const document = JSON.parse(readFileSync(process.argv[2], "utf8"));
const nquads = await jsonld.toRDF(document, { format: "application/n-quads",
                                              documentLoader: refuse });
process.stdout.write(nquads);
