/**
 * Benchmark: crash recovery of workers on the lab. Kills workers with SIGKILL (≥ 50 times,
 * alternating between two workers of one fanout group while traffic is replayed). For each:
 * the kill, the exit (the old process gone or a zombie: a capturing worker takes ~25 ms to die
 * because closing its AF_PACKET fanout socket waits for the kernel), the replacement existing
 * (its pid in the node's `.pid` file, written right after the spawn) and the replacement
 * receiving packets (its counter read on its host, a curl inside the host's namespace of ~13 ms,
 * so that time includes up to one read). Targets: p99 ≤ 50 ms and p99 ≤ 500 ms.
 * Results: bench-results/recovery.json.
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "@zeekbus/lab";
import { percentiles } from "@zeekbus/test-harness";
import { startLabCluster, twoHostNodeCfg } from "../lab-cluster.js";
import { nodePids } from "../workers.js";

const KILLS = Number(process.env.ZEEKBUS_BENCH_KILLS ?? 60);
const h2 = "10.99.0.2";

/** True once a process has exited (gone, or a zombie its parent has not reaped yet). */
function exited(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.startsWith("Z") ?? true;
  } catch {
    return true;
  }
}

/** The pid a node's `.pid` file names (written by the supervisor right after the spawn). */
function readPid(file: string): number | undefined {
  try {
    return Number(readFileSync(file, "utf8")) || undefined;
  } catch {
    return undefined;
  }
}

const c = await startLabCluster({
  hosts: 2,
  nodeCfg: twoHostNodeCfg,
  policy: { immediateRetryAfterMs: 0, quarantineCrashes: 10_000 },
});
const exitMs: number[] = [];
const spawnMs: number[] = [];
const packetsMs: number[] = [];
try {
  await c.startAll();
  const gen = spawn(
    "ip",
    [
      "netns",
      "exec",
      c.lab.generatorNetns,
      "tcpreplay",
      "-q",
      "--pps=20000",
      "--timer=nano",
      "--loop=0",
      "-i",
      c.lab.hosts[1]!.capture[0]!.generatorIface,
      join(repoRoot(), "..", "shared", "traces", "methods.pcap"),
    ],
    { stdio: "ignore" },
  );
  const status = async () => (await c.agent(h2).status()).nodes;
  for (let i = 0; i < KILLS; i++) {
    const name = i % 2 === 0 ? "worker-1-1" : "worker-1-2";
    const pidFile = join(c.lab.hosts[1]!.privateDir, "spool", name, ".pid");
    const [old] = nodePids(c.lab.hosts[1]!, name);
    if (!old) throw new Error(`${name} has no process`);
    const t0 = performance.now();
    process.kill(old, "SIGKILL");
    while (!exited(old)) await new Promise((r) => setTimeout(r, 1));
    exitMs.push(performance.now() - t0);
    while (readPid(pidFile) === old || readPid(pidFile) === undefined) {
      if (performance.now() - t0 > 10_000) throw new Error(`${name} not respawned`);
      await new Promise((r) => setTimeout(r, 1));
    }
    spawnMs.push(performance.now() - t0);
    while (((await c.packets(name)) ?? 0) === 0) {
      if (performance.now() - t0 > 10_000) throw new Error(`${name} receives no packets`);
      await new Promise((r) => setTimeout(r, 2));
    }
    packetsMs.push(performance.now() - t0);
    while (!(await status()).every((n) => n.state === "running")) await new Promise((r) => setTimeout(r, 20));
  }
  gen.kill("SIGKILL");
} finally {
  await c.teardown();
}
const results = {
  at: new Date().toISOString(),
  kills: spawnMs.length,
  killToExitMs: percentiles(exitMs),
  exitToSpawnMs: percentiles(spawnMs.map((t, i) => t - (exitMs[i] ?? 0))),
  exitToPacketsMs: percentiles(packetsMs.map((t, i) => t - (exitMs[i] ?? 0))),
  killToSpawnMs: percentiles(spawnMs),
  killToPacketsMs: percentiles(packetsMs),
  targets: { exitToSpawnP99Ms: 50, exitToPacketsP99Ms: 500 },
};
console.log(JSON.stringify(results, null, 2));
const dir = join(repoRoot(), "bench-results");
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "recovery.json"), `${JSON.stringify(results, null, 2)}\n`);
