/**
 * Benchmark: a fresh deploy of 100 af_packet workers (plus logger, manager and proxy) onto empty
 * lab hosts — Zeek mirrored, agents bootstrapped over SSH, files checked and installed, every
 * tier started and RUNNING — on 10 hosts, then on 20. Prints the wall time of each deploy, when
 * each step began, and the 20/10 ratio. Targets: ≤ 10 s and ≤ 1.3×. Workers use an 8 MiB
 * capture ring (Zeek's default 128 MiB × 100 would pin 12.8 GiB of kernel memory on one box).
 * Also records CPU: all cores busy, the agents', the zeek processes' and this process's (the
 * topology and provisioner services run here) — every lab host shares this machine's cores, so
 * per-host work (an agent starting, sshd sessions) adds up here where real hosts run it in
 * parallel. Results: bench-results/deploy-scale.json.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { decodeJson } from "@zeekbus/bus";
import { RolloutProgress } from "@zeekbus/contracts";
import { repoRoot } from "@zeekbus/lab";
import { AgentClient } from "@zeekbus/process-supervisor/client";
import { uniqueCluster } from "@zeekbus/test-harness";
import { startDeployLab } from "../deploy-cluster.js";

const WORKERS = Number(process.env.ZEEKBUS_BENCH_WORKERS ?? 100);
const SITE = { "local.zeek": "@load misc/stats\n" };

/** CPU seconds all cores spent busy since boot (/proc/stat: everything but idle and iowait). */
function busyCpuSeconds(): number {
  const f = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  return (f.reduce((a, b) => a + b, 0) - (f[3] ?? 0) - (f[4] ?? 0)) / 100;
}

/**
 * CPU seconds (user + system) used so far by live processes whose command line contains
 * `needle`; with `children`, also what their reaped children used (sshd's sessions).
 */
function processCpuSeconds(needle: string, children = false): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(needle)) continue;
      const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(f[11]) + Number(f[12]) + (children ? Number(f[13]) + Number(f[14]) : 0);
    } catch {
      // gone while being read
    }
  }
  return ticks / 100;
}

function nodeCfg(ips: string[]): string {
  const per = WORKERS / ips.length;
  const sections = [
    `[logger]\ntype=logger\nhost=${ips[0]}`,
    `[manager]\ntype=manager\nhost=${ips[0]}`,
    `[proxy-1]\ntype=proxy\nhost=${ips[0]}`,
    ...ips.map(
      (ip, i) =>
        `[worker-${i + 1}]\ntype=worker\nhost=${ip}\ninterface=mon0\nlb_method=af_packet\nlb_procs=${per}\naf_packet_buffer_size=8388608`,
    ),
  ];
  return `${sections.join("\n\n")}\n`;
}

async function run(hosts: number) {
  const d = await startDeployLab(hosts);
  const cluster = uniqueCluster("scale");
  try {
    await d.serve(cluster);
    const ips = d.lab.hosts.map((h) => h.ip);
    const steps: Record<string, number> = {};
    const busy0 = busyCpuSeconds();
    const self0 = process.cpuUsage();
    const t0 = performance.now();
    const sub = d.bus.nc.subscribe(d.bus.subjects.evtFilter(cluster, "rollout"), {
      callback: (_e, m) => {
        const p = RolloutProgress.envelope.safeParse(decodeJson(m));
        if (!p.success) return;
        const { step, status } = p.data.data;
        const key = `${step}.${status === "started" ? "began" : "lastLine"}`;
        if (status !== "started" || steps[key] === undefined) steps[key] = performance.now() - t0;
      },
    });
    const files = { "zeekctl.cfg": "ZeekBase = /opt/zeek\n", "node.cfg": nodeCfg(ips) };
    const reply = await d.deploy(cluster, files, SITE);
    const wallMs = performance.now() - t0;
    const cpu = {
      busyAllCoresS: round2(busyCpuSeconds() - busy0),
      agentsS: round2(processCpuSeconds("zeekbus-supervisor")),
      zeekS: round2(processCpuSeconds("zeekctl-live")),
      sshdS: round2(processCpuSeconds("sshd", true)),
      servicesS: round2((process.cpuUsage(self0).user + process.cpuUsage(self0).system) / 1e6),
    };
    sub.unsubscribe();
    if (reply.outcome !== "deployed") throw new Error(`deploy on ${hosts} hosts: ${reply.failure?.message}`);
    const started = reply.nodes.filter((n) => n.outcome === "started").length;
    await Promise.all(ips.map((ip) => new AgentClient(d.bus, cluster, ip).stop([]).catch(() => undefined)));
    return {
      hosts,
      workers: WORKERS,
      nodesStarted: started,
      wallMs: Math.round(wallMs),
      cpu,
      stepsAtMs: roundAll(steps),
    };
  } finally {
    await d.teardown();
  }
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function roundAll(o: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.round(v)]));
}

const ten = await run(10);
console.log(`10 hosts: ${ten.wallMs} ms`);
const twenty = await run(20);
console.log(`20 hosts: ${twenty.wallMs} ms`);
const results = {
  at: new Date().toISOString(),
  runs: [ten, twenty],
  ratio: Number((twenty.wallMs / ten.wallMs).toFixed(2)),
  /** The orchestrator's own CPU (topology + provisioner + bus client) 20 vs 10 hosts. */
  servicesCpuRatio: Number((twenty.cpu.servicesS / ten.cpu.servicesS).toFixed(2)),
  targets: { wallMs: 10_000, ratio: 1.3 },
};
console.log(JSON.stringify(results, null, 2));
const dir = join(repoRoot(), "bench-results");
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "deploy-scale.json"), `${JSON.stringify(results, null, 2)}\n`);
