// Parse RDF files with N3.js and print one JSON line per file:
// {"file": ..., "format": ..., "quads": N, "graphs": N} (N3.js throws on any error).
// Usage: node count.mjs FILE... (format from the extension: .ttl .nt .nq .trig)
import { readFileSync } from "node:fs";
import { Parser } from "n3";

const FORMATS = { ttl: "text/turtle", nt: "application/n-triples", nq: "application/n-quads",
                  trig: "application/trig" };
let failed = false;
for (const file of process.argv.slice(2)) {
  const format = FORMATS[file.split(".").pop()];
  try {
    const parser = new Parser({ format });
    const quads = parser.parse(readFileSync(file, "utf8"));
    const graphs = new Set(quads.map((q) => q.graph.value));
    console.log(JSON.stringify({ file, format, quads: quads.length, graphs: graphs.size }));
  } catch (error) {
    failed = true;
    console.log(JSON.stringify({ file, format, error: String(error.message || error) }));
  }
}
process.exit(failed ? 1 : 0);
