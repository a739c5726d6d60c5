/**
 * The config target: `count` inputs (or until `seconds` pass) checked in a worker process under
 * a heap limit and a per-input time limit. A worker that dies or stalls is a crash of the
 * input it was on; the run goes on with a new worker from the next input.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { clip, type Finding, Findings } from "../findings.js";
import type { ConfigVerdict } from "./check.js";
import { loadSeeds } from "./corpus.js";
import { configInput } from "./input.js";
import type { WorkerJob } from "./worker.js";

/** Options of {@link runConfigFuzz}. */
export interface ConfigRunOptions {
  seed: number;
  count: number;
  seconds: number;
  /** Heap of the worker (MiB); default 1024. */
  heapMb?: number;
  /** Longest time one input may take before it counts as a hang (ms); default 20 s. */
  inputTimeoutMs?: number;
}

/** Figures of a config run. */
export interface ConfigSummary {
  target: "config";
  seed: number;
  inputs: number;
  accepted: number;
  rejected: number;
  exceptions: number;
  /** Inputs that killed or stalled the worker (heap exhausted, hang). */
  crashes: number;
  /** Inputs with at least one error that names no file or line. */
  rejectionsWithoutLocation: number;
  /** Inputs with another broken rule (see check.ts). */
  broken: number;
  slowestMs: number;
  runtimeMs: number;
  findings: Finding[];
}

type Message = { index: number; verdict: ConfigVerdict; ms: number };

function inputSize(files: Record<string, string>): number {
  return Object.values(files).reduce((n, t) => n + t.length, 0);
}

/** Runs the config target. */
export async function runConfigFuzz(options: ConfigRunOptions): Promise<ConfigSummary> {
  const t0 = Date.now();
  const deadline = t0 + options.seconds * 1000;
  const seeds = loadSeeds();
  const findings = new Findings();
  const s = {
    inputs: 0,
    accepted: 0,
    rejected: 0,
    exceptions: 0,
    crashes: 0,
    unlocated: 0,
    broken: 0,
    slowest: 0,
  };
  const report = (kind: string, index: number, detail: string) => {
    const input = configInput(seeds, options.seed, index);
    findings.add(kind, detail, { index, ...(clip(input) as object) }, inputSize(input.files));
  };
  const onVerdict = ({ index, verdict, ms }: Message) => {
    s.inputs += 1;
    s.slowest = Math.max(s.slowest, ms);
    if (verdict.outcome === "accepted") s.accepted += 1;
    if (verdict.outcome === "rejected") s.rejected += 1;
    if (verdict.exception) {
      s.exceptions += 1;
      report("exception", index, verdict.exception);
    }
    if (verdict.unlocated.length > 0) s.unlocated += 1;
    for (const u of verdict.unlocated) report("rejection without location", index, u);
    if (verdict.broken.length > 0) s.broken += 1;
    for (const b of verdict.broken) report("broken rule", index, b);
  };

  let next = 0;
  while (next < options.count && Date.now() < deadline) {
    const job: WorkerJob = { seed: options.seed, from: next, to: options.count, deadline };
    const ended = await runWorker(job, options, (m) => {
      onVerdict(m);
      next = m.index + 1;
    });
    if (ended === "done") break;
    s.inputs += 1;
    s.crashes += 1;
    report("crash", next, `worker ${ended} on this input`);
    next += 1;
  }
  return {
    target: "config",
    seed: options.seed,
    inputs: s.inputs,
    accepted: s.accepted,
    rejected: s.rejected,
    exceptions: s.exceptions,
    crashes: s.crashes,
    rejectionsWithoutLocation: s.unlocated,
    broken: s.broken,
    slowestMs: Math.round(s.slowest),
    runtimeMs: Date.now() - t0,
    findings: findings.list(),
  };
}

/** Runs one worker until it finishes its job ("done") or dies or stalls (the reason). */
function runWorker(
  job: WorkerJob,
  options: ConfigRunOptions,
  onMessage: (m: Message) => void,
): Promise<string> {
  const limit = options.inputTimeoutMs ?? 20_000;
  return new Promise((resolve) => {
    const worker = fork(fileURLToPath(new URL("./worker.js", import.meta.url)), [JSON.stringify(job)], {
      execArgv: [`--max-old-space-size=${options.heapMb ?? 1024}`],
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    let stderr = "";
    worker.stderr?.on("data", (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    let reason: string | undefined;
    const stall = () => {
      reason = `stalled (no verdict within ${limit} ms)`;
      worker.kill("SIGKILL");
    };
    let timer = setTimeout(stall, limit * 3);
    worker.on("message", (m: Message) => {
      clearTimeout(timer);
      timer = setTimeout(stall, limit);
      onMessage(m);
    });
    worker.on("exit", (code, signal) => {
      clearTimeout(timer);
      const oom = /heap out of memory/.test(stderr) ? " (JavaScript heap out of memory)" : "";
      resolve(reason ?? (code === 0 ? "done" : `died (${signal ?? `exit ${code}`})${oom}`));
    });
  });
}
