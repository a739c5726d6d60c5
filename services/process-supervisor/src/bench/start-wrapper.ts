/**
 * Benchmark: starting N nodes (default 31: logger, manager, 2 proxies, af_packet workers on `lo`)
 * on this machine with the host supervisor, tier by tier, once with zeek-sim as the zeek binary
 * and once with a `#!/bin/sh` wrapper script as zeek (it execs zeek-sim, as a site's wrapper
 * would), rounds interleaved after one untimed warm-up start of each. Each start is timed from
 * the request to every node RUNNING, then all nodes are stopped. A wrapper should cost what its
 * shell costs, not more. Results: bench-results/start-wrapper.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { NodeSpec } from "@zeekbus/contracts";
import { buildSimCluster, clusterPortBase, percentiles } from "@zeekbus/test-harness";
import { zeekSimBin } from "@zeekbus/zeek-sim";
import { HostSupervisor } from "../node/supervisor.js";
import { LocalStore } from "../state/local-store.js";

const NODES = Math.max(5, Number(process.env.ZEEKBUS_BENCH_NODES ?? 31));
const ROUNDS = Math.max(1, Number(process.env.ZEEKBUS_BENCH_ROUNDS ?? 3));

function nodeCfg(nodes: number): string {
  const proxies = ["proxy-1", "proxy-2"].map((p) => `[${p}]\ntype=proxy\nhost=localhost\n`).join("");
  const workers = `[worker-1]\ntype=worker\nhost=localhost\ninterface=lo\nlb_method=af_packet\nlb_procs=${nodes - 4}\n`;
  return `[logger]\ntype=logger\nhost=localhost\n[manager]\ntype=manager\nhost=localhost\n${proxies}${workers}`;
}

/** A prefix whose bin/zeek is zeek-sim itself or a shell script that execs it. */
function cluster(kind: "binary" | "wrapper", base: number): NodeSpec[] {
  const prefix = mkdtempSync(join(tmpdir(), `zeekbus-bench-${kind}-`));
  const { specs } = buildSimCluster({
    prefix,
    nodeCfg: nodeCfg(NODES),
    zeekctlCfg: `ZeekPort = ${base}\nMetricsPort = ${base + 100}\n`,
  });
  if (kind === "wrapper") {
    const zeek = join(prefix, "bin", "zeek");
    rmSync(zeek);
    writeFileSync(zeek, `#!/bin/sh\nexec ${zeekSimBin} "$@"\n`, { mode: 0o755 });
  }
  return specs;
}

function supervisor(): HostSupervisor {
  return new HostSupervisor({
    host: "localhost",
    policy: {},
    readyTimeoutMs: 20_000,
    rejoinTimeoutMs: 1000,
    store: new LocalStore(mkdtempSync(join(tmpdir(), "zeekbus-bench-state-"))),
    sinks: { event: () => {}, persist: () => {}, transition: () => {}, warn: () => {} },
  });
}

/** Starts every node, timed, then stops them all. */
async function startAll(kind: string, sup: HostSupervisor, specs: NodeSpec[]): Promise<number> {
  const t0 = performance.now();
  const outcomes = await sup.start(specs);
  const ms = performance.now() - t0;
  await sup.stop([]);
  const bad = outcomes.filter((o) => o.outcome !== "started");
  if (bad.length > 0) {
    throw new Error(`${kind}: ${bad.map((o) => `${o.node} ${o.outcome} ${o.error ?? ""}`).join(", ")}`);
  }
  return ms;
}

const base = clusterPortBase();
const kinds = [
  { kind: "binary" as const, specs: cluster("binary", base), sup: supervisor(), ms: [] as number[] },
  { kind: "wrapper" as const, specs: cluster("wrapper", base + 200), sup: supervisor(), ms: [] as number[] },
];
try {
  for (const k of kinds) await startAll(k.kind, k.sup, k.specs);
  for (let round = 0; round < ROUNDS; round++) {
    for (const k of kinds) k.ms.push(await startAll(k.kind, k.sup, k.specs));
  }
} finally {
  for (const k of kinds) {
    await k.sup.stop([]).catch(() => undefined);
    k.sup.detach();
  }
}
const [binary, wrapper] = kinds.map((k) => percentiles(k.ms));
const results = {
  at: new Date().toISOString(),
  nodes: NODES,
  rounds: ROUNDS,
  startAllMs: { binary, wrapper },
  samplesMs: Object.fromEntries(kinds.map((k) => [k.kind, k.ms.map((ms) => Math.round(ms))])),
  wrapperOverBinaryP50Ms: Math.round(((wrapper?.p50 ?? 0) - (binary?.p50 ?? 0)) * 10) / 10,
};
console.log(JSON.stringify(results, null, 2));
const dir = fileURLToPath(new URL("../../../../bench-results/", import.meta.url));
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "start-wrapper.json"), `${JSON.stringify(results, null, 2)}\n`);
