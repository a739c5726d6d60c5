/**
 * The demo's steps, in order. Each resource registers its undo action on the teardown stack
 * as soon as it exists; `signal` aborts on Ctrl-C/SIGTERM and every wait honours it.
 */
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { type Bus, connectBus, discoverServices } from "@zeekbus/bus";
import { NodeSpec } from "@zeekbus/contracts";
import { repoRoot } from "@zeekbus/lab";
import { stopAgents } from "./agents.js";
import { installZeekSim, startLab } from "./lab.js";
import { crashDrill, type Recovery } from "./recovery.js";
import { duration, info, step, warn } from "./say.js";
import { LiveStatus } from "./status.js";
import { checkStop, DemoError, type Teardown } from "./teardown.js";
import { startTraffic } from "./traffic.js";
import { startZeekbus, type Zeekbus } from "./zeekbus.js";

/** Command-line settings. */
export interface DemoOptions {
  /** Seconds the cluster runs (status, crash drill) before the demo ends; undefined = until Ctrl-C. */
  durationS?: number;
  /** Seconds of traffic before the worker is killed. */
  killAfterS: number;
  cluster: string;
}

/** What the demo measured and what the final check must find gone. */
export interface DemoResult {
  timings: Array<[string, number]>;
  recovery?: Recovery;
  /** Set once the cluster is up and live (Ctrl-C afterwards is the normal way to end). */
  live: boolean;
  pids: number[];
}

const STATUS_EVERY_MS = 2000;
const SERVICES = ["topology", "provisioner"];

async function waitServices(bus: Bus, signal: AbortSignal): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    checkStop(signal);
    const found = await discoverServices(bus).catch(() => []); // no responders yet
    const names = new Set(found.map((s) => s.name));
    if (SERVICES.every((s) => names.has(s))) return;
    if (Date.now() > deadline)
      throw new DemoError(`services not up within 30 s: have ${[...names].join(", ")}`);
    await sleep(250);
  }
}

async function deploy(zb: Zeekbus, signal: AbortSignal): Promise<NodeSpec[]> {
  const etc = join(repoRoot(), "examples", "cluster", "etc");
  info(`zeekbus deploy ${etc}`);
  const r = await zb.cli(["deploy", etc], { timeoutMs: 600_000 });
  checkStop(signal);
  if (r.code !== 0) throw new DemoError(`zeekbus deploy failed (exit ${r.code}); its output is above`);
  const nodes = await zb.cli(["--json", "nodes"], { quiet: true });
  if (nodes.code !== 0) throw new DemoError(`zeekbus nodes failed: ${nodes.out.trim()}`);
  return NodeSpec.array().parse((JSON.parse(nodes.out) as { nodes: unknown }).nodes);
}

/** Runs the demo up to its end (duration, or the abort signal). */
export async function runDemo(opts: DemoOptions, td: Teardown, signal: AbortSignal, result: DemoResult) {
  const t = (label: string, since: number) => result.timings.push([label, Date.now() - since]);

  step("lab: take the machine's lab lock, bring up 3 hosts (network namespaces, each with its own sshd)");
  let since = Date.now();
  const { lab, lockWaitMs } = await startLab(3, td, signal);
  if (lockWaitMs > 1000) result.timings.push(["waiting for the lab lock", lockWaitMs]);
  result.timings.push(["lab up (3 hosts)", Date.now() - since - lockWaitMs]);

  step("Zeek installation: build zeek-sim into a temporary prefix (the local Zeek the provisioner mirrors)");
  const zeek = await installZeekSim(td, signal);
  info(`${zeek.prefix}  (zeek --version: ${zeek.version})`);
  info("NOTE: zeek-sim is a test/demo stand-in for Zeek, not Zeek: real AF_PACKET fanout, .status and");
  info("      Prometheus metrics, zeekctl's argv and scripts resolved and checked, but no Zeek analysis.");

  step("zeekbus up: all-in-one (nats-server on the lab's root address, topology, provisioner, supervisor)");
  since = Date.now();
  const zb = await startZeekbus(
    lab,
    opts.cluster,
    {
      ZEEKBUS_SSH_USER: lab.sshUser,
      ZEEKBUS_SSH_KEY: lab.keyPath,
      ZEEKBUS_KNOWN_HOSTS: lab.knownHostsPath,
      ZEEKBUS_SSH_TOFU: "false",
      ZEEKBUS_ZEEK_PREFIX: lab.hosts[0]?.prefix ?? "/opt/zeek",
      ZEEKBUS_ZEEK_SOURCE: zeek.prefix,
    },
    td,
    signal,
  );
  if (zb.pid) result.pids.push(zb.pid);
  const bus = await connectBus({ servers: zb.url, name: "zeekbus-demo" });
  td.add("close the demo's bus connection", () => bus.close());
  await waitServices(bus, signal);
  t("zeekbus up", since);
  info(
    `nats ${zb.url}, cluster ${opts.cluster}; services: ${SERVICES.join(", ")}, process-supervisor (localhost)`,
  );

  step("deploy examples/cluster (mirror Zeek over SSH, bootstrap the host agents, check, install, start)");
  td.add("stop the host agents the deploy started (inside the lab hosts)", () => stopAgents(lab));
  td.add(
    "zeekbus stop (every node, workers first)",
    async () => {
      const r = await zb.cli(["stop"], { timeoutMs: 90_000 });
      if (r.code !== 0 && /no desired state/.test(r.out)) info("nothing was deployed yet: nothing to stop");
      else if (r.code !== 0) throw new Error(`zeekbus stop exited ${r.code}`);
    },
    100_000,
  );
  since = Date.now();
  const nodes = await deploy(zb, signal);
  t("deploy", since);
  info("zeekbus status:");
  await zb.cli(["status"]);

  step("traffic: replay real traces into h2's and h3's capture interface (mon0), continuously");
  const replays = await startTraffic(
    lab,
    [
      { host: "h2", trace: "methods.pcap", pps: 2000 },
      { host: "h3", trace: "bruteforce.pcap", pps: 2000 },
    ],
    td,
  );
  result.pids.push(...replays);
  checkStop(signal);
  const live = new LiveStatus(bus, opts.cluster, nodes, lab);
  result.live = true;
  const liveSince = Date.now();
  let ticking = true;
  const ticker = (async () => {
    while (ticking && !signal.aborted) {
      await live.show().catch((err: Error) => warn(`status: ${err.message}`));
      await sleep(STATUS_EVERY_MS, undefined, { signal }).catch(() => undefined);
    }
  })();
  td.add("stop the live status", async () => {
    ticking = false;
    await ticker;
  });
  step(`live status every ${STATUS_EVERY_MS / 1000} s (supervisors' status + workers' packet counters)`);
  const killAfterS =
    opts.durationS === undefined ? opts.killAfterS : Math.min(opts.killAfterS, opts.durationS / 2);
  await sleep(killAfterS * 1000, undefined, { signal }).catch(() => checkStop(signal));

  const victim = nodes.find((n) => n.type === "worker");
  if (!victim) throw new DemoError("the example cluster has no worker");
  step(`crash drill: kill -9 ${victim.name} and watch its supervisor bring it back`);
  const st = await live.statuses();
  result.pids.push(...[...st.values()].flatMap((s) => (s.pid ? [s.pid] : [])));
  result.recovery = await crashDrill(bus, live, victim, signal);
  if (result.recovery.newPid) result.pids.push(result.recovery.newPid);
  result.timings.push([`${victim.name}: kill -9 → running again`, result.recovery.runningMs]);
  if (result.recovery.packetsMs !== undefined)
    result.timings.push([`${victim.name}: kill -9 → receiving packets`, result.recovery.packetsMs]);

  if (opts.durationS === undefined)
    step("the cluster keeps running: press Ctrl-C to stop the demo and tear everything down");
  else
    step(
      `the cluster keeps running until ${opts.durationS} s after traffic started (--duration); Ctrl-C ends it earlier`,
    );
  const left =
    opts.durationS === undefined ? 2 ** 31 - 1 : Math.max(0, liveSince + opts.durationS * 1000 - Date.now());
  await sleep(left, undefined, { signal }).catch(() => checkStop(signal));
  info(`done: ran ${duration(Date.now() - liveSince)} with traffic`);
}
