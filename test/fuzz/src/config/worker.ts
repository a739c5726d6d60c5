/**
 * The config fuzzer's worker process: checks inputs `from`..`to` (until the deadline) and sends
 * each verdict to its parent. It runs under a heap limit, so an input that exhausts memory ends
 * this process and not the run; the input that did is the one after the last index sent.
 */
import { checkConfig } from "./check.js";
import { loadSeeds } from "./corpus.js";
import { configInput } from "./input.js";

/** What the parent passes. */
export interface WorkerJob {
  seed: number;
  from: number;
  to: number;
  deadline: number;
}

const job = JSON.parse(process.argv[2] ?? "{}") as WorkerJob;
const seeds = loadSeeds();
for (let i = job.from; i < job.to && Date.now() < job.deadline; i++) {
  const t0 = performance.now();
  const verdict = checkConfig(configInput(seeds, job.seed, i));
  await new Promise((resolve) => process.send?.({ index: i, verdict, ms: performance.now() - t0 }, resolve));
}
process.disconnect?.();
