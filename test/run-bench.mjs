#!/usr/bin/env node
// Runs every benchmark of the project (compiled `dist/bench/*.js` files in any workspace).
// Each benchmark prints its numbers and writes them to bench-results/<name>.json.
// Optional arguments filter benchmarks by substring.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const benches = [];
for (const group of ["libs", "services", "infra", "test"]) {
  const groupDir = join(root, group);
  if (!existsSync(groupDir)) continue;
  for (const pkg of readdirSync(groupDir)) {
    const dir = join(groupDir, pkg, "dist", "bench");
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) if (f.endsWith(".js")) benches.push(join(dir, f));
  }
}
const filters = process.argv.slice(2);
const chosen = benches.filter(
  (b) => filters.length === 0 || filters.some((s) => relative(root, b).includes(s)),
);
mkdirSync(join(root, "bench-results"), { recursive: true });
let failed = 0;
for (const bench of chosen) {
  console.log(`\n== ${relative(root, bench)}`);
  const run = spawnSync(process.execPath, [bench], { stdio: "inherit", cwd: root });
  if (run.status !== 0) failed += 1;
}
console.log(`\n${chosen.length - failed} benchmarks passed, ${failed} failed; results in bench-results/`);
process.exit(failed === 0 ? 0 : 1);
