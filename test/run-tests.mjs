#!/usr/bin/env node
// Runs every compiled test file of every workspace in one `node --test` run, so the
// closing summary counts the whole project. Optional arguments filter files by substring.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const groups = ["libs", "services", "infra", "test"];

function testFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...testFiles(path));
    else if (entry.name.endsWith(".test.js") && path.includes("/dist/")) found.push(path);
  }
  return found;
}

const filters = process.argv.slice(2);
const files = groups
  .map((g) => join(root, g))
  .filter((dir) => statSync(dir, { throwIfNoEntry: false })?.isDirectory())
  .flatMap(testFiles)
  .filter((f) => filters.length === 0 || filters.some((s) => relative(root, f).includes(s)))
  .sort();

if (files.length === 0) {
  console.error("no test files found: run the build first");
  process.exit(1);
}
const concurrency = process.env.ZEEKBUS_TEST_CONCURRENCY ?? "1";
const run = spawnSync(
  process.execPath,
  ["--test", `--test-concurrency=${concurrency}`, "--test-timeout=300000", ...files],
  {
    stdio: "inherit",
    cwd: root,
  },
);
process.exit(run.status ?? 1);
