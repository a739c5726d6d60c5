/**
 * Benchmark (not a test): 1-host lab, 2 zeek-sim workers in one fanout group, a large synthetic
 * pcap replayed at top speed several times. Prints sustained pps per worker and drops, and writes
 * bench-results/fanout-pps.json in the repository root.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, release, tmpdir } from "node:os";
import { join } from "node:path";
import { replay } from "../capture/replay.js";
import { num, parseArgs } from "../cli/args.js";
import { labDown } from "../down.js";
import { PreconditionError } from "../errors.js";
import { sleep } from "../exec.js";
import { repoRoot } from "../paths.js";
import { writeSyntheticPcap } from "../pcap/writer.js";
import { SimCluster, simAvailable, simBinary } from "../sim/cluster.js";
import { standardLayout } from "../sim/layout.js";
import { type CaptureCounters, captureCounters } from "../sim/metrics.js";
import { labUp } from "../up.js";

const WORKERS = ["worker-1", "worker-2"];

interface RunResult {
  run: number;
  packets: number;
  seconds: number;
  replayPps: number;
  workers: Record<string, { received: number; dropped: number; pps: number }>;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const flows = num(args, "flows") ?? 20000;
  const packets = num(args, "packets") ?? 20;
  const runs = num(args, "runs") ?? 5;
  if (!simAvailable())
    throw new PreconditionError(`zeek-sim not built: ${simBinary()} (make -C infra/zeek-sim/c)`);
  const dir = mkdtempSync(join(tmpdir(), "zb-bench-"));
  try {
    const trace = writeSyntheticPcap({
      out: join(dir, "bench.pcap"),
      flows,
      packets,
      udpShare: 0.3,
      seed: 42,
    });
    console.log(
      `trace: ${trace.packets} packets, ${trace.flows} flows, ${(trace.bytes / 1e6).toFixed(1)} MB`,
    );
    const lab = await labUp({ hosts: 1, dir: join(dir, "lab") });
    const sim = new SimCluster(lab, "h1", standardLayout(WORKERS.length));
    await sim.start("logger");
    for (const w of WORKERS) {
      const p = await sim.start(w, { iface: "mon0", fanoutId: 23 });
      if (!p.running) throw new PreconditionError(`${w} did not start: ${p.stderr()}`);
    }
    const read = async () =>
      Object.fromEntries(
        await Promise.all(WORKERS.map(async (w) => [w, await captureCounters(sim.metricsUrl(w))])),
      );
    const results: RunResult[] = [];
    for (let run = 1; run <= runs; run++) {
      const before: Record<string, CaptureCounters> = await read();
      const r = await replay(lab, { host: "h1", trace: trace.file });
      await sleep(1000);
      const after: Record<string, CaptureCounters> = await read();
      const workers = Object.fromEntries(
        WORKERS.map((w) => {
          const received = (after[w]?.received ?? 0) - (before[w]?.received ?? 0);
          const dropped = (after[w]?.dropped ?? 0) - (before[w]?.dropped ?? 0);
          return [w, { received, dropped, pps: Math.round(received / r.seconds) }];
        }),
      );
      results.push({ run, packets: r.packets, seconds: r.seconds, replayPps: Math.round(r.pps), workers });
      const line = WORKERS.map((w) => `${w} ${workers[w]?.pps} pps, ${workers[w]?.dropped} dropped`).join(
        "; ",
      );
      console.log(
        `run ${run}: ${r.packets} packets in ${r.seconds.toFixed(3)} s (${Math.round(r.pps)} pps): ${line}`,
      );
    }
    const mean = (f: (r: RunResult) => number) =>
      Math.round(results.reduce((s, r) => s + f(r), 0) / results.length);
    const summary = {
      replayPps: mean((r) => r.replayPps),
      perWorkerPps: Object.fromEntries(WORKERS.map((w) => [w, mean((r) => r.workers[w]?.pps ?? 0)])),
      totalDropped: results.reduce(
        (s, r) => s + WORKERS.reduce((t, w) => t + (r.workers[w]?.dropped ?? 0), 0),
        0,
      ),
    };
    console.log(`summary: ${JSON.stringify(summary)}`);
    const out = join(repoRoot(), "bench-results");
    mkdirSync(out, { recursive: true });
    const machine = { cpus: cpus().length, kernel: release(), node: process.version };
    const report = {
      bench: "fanout-pps",
      date: new Date().toISOString(),
      machine,
      trace,
      runs: results,
      summary,
    };
    writeFileSync(join(out, "fanout-pps.json"), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`wrote ${join(out, "fanout-pps.json")}`);
  } finally {
    await labDown(join(dir, "lab"));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`fanout-pps: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
  process.exitCode = 1;
});
