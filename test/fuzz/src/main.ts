#!/usr/bin/env node
/**
 * `npm run fuzz`: the config target, then the bus target (on the lab unless `--local`), the
 * summary printed and the figures in bench-results/fuzz.json. Exits 1 when a rule broke.
 *
 *   --seed N           run seed (default 24301); the same seed makes the same inputs
 *   --count N          config inputs (default 10000)
 *   --per-endpoint N   bus payloads per endpoint (default 1000)
 *   --seconds S        time bound of each target (default 900)
 *   --target T         config, bus or all (default all)
 *   --local            bus target on this machine instead of the lab
 *   --only I           print config input I of the seed and its verdict, and stop
 *   --out PATH         report path (default bench-results/fuzz.json); service logs go to
 *                      fuzz-logs/ beside it
 */
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "@zeekbus/lab";
import { startLabStack } from "./bus/lab-stack.js";
import { startLocalStack } from "./bus/local-stack.js";
import { runBusFuzz } from "./bus/run.js";
import { checkConfig } from "./config/check.js";
import { loadSeeds } from "./config/corpus.js";
import { configInput } from "./config/input.js";
import { runConfigFuzz } from "./config/run.js";
import { type FuzzReport, failures, summaryLines, writeReport } from "./report.js";
import { DEFAULT_SEED } from "./seed.js";

const { values } = parseArgs({
  options: {
    seed: { type: "string", default: String(DEFAULT_SEED) },
    count: { type: "string", default: "10000" },
    "per-endpoint": { type: "string", default: "1000" },
    seconds: { type: "string", default: "900" },
    target: { type: "string", default: "all" },
    local: { type: "boolean", default: false },
    only: { type: "string" },
    out: { type: "string", default: join(repoRoot(), "bench-results", "fuzz.json") },
  },
});

const num = (name: string, v: string | undefined) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got ${v}`);
  return n;
};
const seed = num("seed", values.seed);
const seconds = num("seconds", values.seconds);

if (values.only !== undefined) {
  const input = configInput(loadSeeds(), seed, num("only", values.only));
  console.log(JSON.stringify({ input, verdict: checkConfig(input) }, null, 2));
  process.exit(0);
}
if (!["config", "bus", "all"].includes(values.target ?? ""))
  throw new Error("--target must be config, bus or all");

const report: FuzzReport = { seed, startedAt: new Date().toISOString(), runtimeMs: 0 };
const t0 = Date.now();
if (values.target !== "bus") {
  console.log(`fuzz: config target, ${values.count} inputs, seed ${seed}`);
  report.config = await runConfigFuzz({ seed, count: num("count", values.count), seconds });
}
if (values.target !== "config") {
  console.log(`fuzz: bus target (${values.local ? "this machine" : "lab"}): bringing up a deployed cluster`);
  const logDir = join(dirname(values.out!), "fuzz-logs");
  rmSync(logDir, { recursive: true, force: true });
  mkdirSync(logDir, { recursive: true });
  const stack = await (values.local ? startLocalStack("fuzz", logDir) : startLabStack("fuzz", logDir)).catch(
    (err: Error) => err,
  );
  if (stack instanceof Error) report.error = `bus target: the cluster did not come up: ${stack.message}`;
  else {
    try {
      console.log(
        `fuzz: ${stack.ctx.specs.length} zeek nodes on ${stack.hosts.length} hosts running; sending payloads`,
      );
      const perEndpoint = num("per-endpoint", values["per-endpoint"]);
      report.bus = await runBusFuzz(stack, { seed, perEndpoint, seconds });
    } catch (err) {
      report.error = `bus target: ${(err as Error).stack}`;
    } finally {
      await stack.teardown();
    }
  }
}
report.runtimeMs = Date.now() - t0;
writeReport(values.out!, report);
for (const line of summaryLines(report)) console.log(line);
console.log(`fuzz: figures in ${values.out}`);
process.exit(report.error || Object.values(failures(report)).some((n) => n > 0) ? 1 : 0);
