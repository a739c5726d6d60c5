/**
 * Benchmark: how long the `zeekbus` command takes to start, against bare node. In one run,
 * rounds that each time `node -e 0`, `zeekbus --help` and `zeekbus status` (interleaved, so
 * machine load hits all three alike), the status against a running all-in-one (`zeekbus up`:
 * nats-server, topology, provisioner, a supervisor for localhost) with 31 zeek-sim nodes
 * deployed. Target: `--help` within 30 ms of bare node (p50). Needs root (af_packet workers
 * on lo). Results go to bench-results/cli-start.json.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSimCluster, clusterPortBase, eventually, percentiles } from "@zeekbus/test-harness";
import { CLI } from "../topology/testing.js";

const ROUNDS = 40;
const TARGET_MS = 30;
/** logger, manager, 4 proxies and 25 af_packet workers: 31 nodes. */
const NODE_CFG = [
  "[logger]\ntype=logger\nhost=localhost\n",
  "[manager]\ntype=manager\nhost=localhost\n",
  ...[1, 2, 3, 4].map((n) => `[proxy-${n}]\ntype=proxy\nhost=localhost\n`),
  "[worker-1]\ntype=worker\nhost=localhost\ninterface=lo\nlb_method=af_packet\nlb_procs=25\n",
].join("");

function timed(argv: string[]): { ms: number; code: number | null; stdout: string; stderr: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, argv, {
    encoding: "utf8",
    env: { ...process.env, ZEEKBUS_LOG_LEVEL: "warn" },
  });
  return { ms: performance.now() - t, code: r.status, stdout: r.stdout, stderr: r.stderr };
}

if (process.getuid?.() !== 0) throw new Error("cli-start needs root (af_packet workers on lo)");
const work = mkdtempSync(join(tmpdir(), "zeekbus-cli-start-"));
const prefix = join(work, "zeek");
const base = clusterPortBase();
const options = `ZeekPort = ${base}\nMetricsPort = ${base + 100}\n`;
buildSimCluster({ prefix, nodeCfg: NODE_CFG, zeekctlCfg: options });
const etc = join(work, "etc");
mkdirSync(join(etc, "site"), { recursive: true });
writeFileSync(join(etc, "zeekctl.cfg"), `ZeekBase = ${prefix}\n${options}`);
writeFileSync(join(etc, "node.cfg"), NODE_CFG);
writeFileSync(join(etc, "site", "local.zeek"), "@load misc/stats\n");

const cluster = `bench-${process.pid}`;
const up = spawn(
  process.execPath,
  [CLI, "--cluster", cluster, "up", "--nats-port", "0", "--state-dir", join(work, "state")],
  {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, ZEEKBUS_ZEEK_PREFIX: prefix, ZEEKBUS_LOG_LEVEL: "warn" },
  },
);
let banner = "";
up.stdout.on("data", (d: Buffer) => {
  banner += d.toString();
});
const upExited = new Promise((resolve) => up.once("close", resolve));
const cli = (...args: string[]) => [CLI, "--nats", url, "--cluster", cluster, ...args];
let url = "";
try {
  url = await eventually(() => /zeekbus up: nats (\S+),/.exec(banner)?.[1], {
    timeoutMs: 30_000,
    what: "zeekbus up",
  });
  await eventually(
    () => (JSON.parse(timed(cli("services", "--json")).stdout || "[]") as unknown[]).length >= 3 || undefined,
    { timeoutMs: 30_000, intervalMs: 200, what: "the services of zeekbus up" },
  );
  const deploy = timed(cli("deploy", etc));
  if (deploy.code !== 0) throw new Error(`deploy failed:\n${deploy.stdout}${deploy.stderr}`);
  const first = timed(cli("status"));
  const running = first.stdout.split("\n").filter((l) => / running /.test(l)).length;
  if (first.code !== 0 || running !== 31)
    throw new Error(`status: ${running} of 31 running\n${first.stdout}`);

  const samples = { node: [] as number[], help: [] as number[], status: [] as number[] };
  for (let i = 0; i < ROUNDS; i++) {
    samples.node.push(timed(["-e", "0"]).ms);
    samples.help.push(timed([CLI, "--help"]).ms);
    const status = timed(cli("status"));
    if (status.code !== 0) throw new Error(`status failed in round ${i}`);
    samples.status.push(status.ms);
  }
  const node = percentiles(samples.node);
  const help = percentiles(samples.help);
  const status = percentiles(samples.status);
  const helpOverNodeMs = Math.round((help.p50 - node.p50) * 10) / 10;
  const results = {
    nodes: running,
    rounds: ROUNDS,
    deployMs: Math.round(deploy.ms),
    nodeMs: node,
    helpMs: help,
    statusMs: status,
    helpOverNodeMs,
    statusOverNodeMs: Math.round((status.p50 - node.p50) * 10) / 10,
    targetHelpOverNodeMs: TARGET_MS,
    targetMet: helpOverNodeMs <= TARGET_MS,
  };
  console.log(JSON.stringify(results, null, 2));
  const dir = join(process.cwd(), "bench-results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "cli-start.json"),
    `${JSON.stringify({ at: new Date().toISOString(), ...results }, null, 2)}\n`,
  );
} finally {
  if (url) timed(cli("stop"));
  up.kill("SIGTERM");
  await upExited;
  rmSync(work, { recursive: true, force: true });
}
