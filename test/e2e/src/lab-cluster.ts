/**
 * A zeek-sim cluster on lab hosts, supervised for real: a lab of network-namespace hosts, a
 * nats-server on the lab's root address, one process supervisor inside each host, and the
 * node specs topology-model renders for a node.cfg that names the hosts by address.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Bus, connectBus } from "@zeekbus/bus";
import { type NodeOutcome, type NodeSpec, START_ORDER } from "@zeekbus/contracts";
import { acquireLabLock, hostCaptureCounters, hostCommand, type LabInfo, labDown, labUp } from "@zeekbus/lab";
import { type NatsServer, startNatsServer } from "@zeekbus/nats-infra";
import { AgentClient } from "@zeekbus/process-supervisor/client";
import { buildSimCluster, eventually, uniqueCluster } from "@zeekbus/test-harness";

const supervisorMain = fileURLToPath(import.meta.resolve("@zeekbus/process-supervisor/main"));

/** node.cfg with logger, manager and proxy on the first lab host and two af_packet workers on the second. */
export function twoHostNodeCfg(lab: LabInfo): string {
  const [h1, h2] = lab.hosts;
  return [
    `[logger]\ntype=logger\nhost=${h1?.ip}`,
    `[manager]\ntype=manager\nhost=${h1?.ip}`,
    `[proxy-1]\ntype=proxy\nhost=${h1?.ip}`,
    `[worker-1]\ntype=worker\nhost=${h2?.ip}\ninterface=mon0\nlb_method=af_packet\nlb_procs=2`,
  ].join("\n");
}

/** Options of {@link startLabCluster}. */
export interface LabClusterOptions {
  hosts: number;
  /** node.cfg text; gets the lab (for host addresses). */
  nodeCfg: (lab: LabInfo) => string;
  zeekctlCfg?: string;
  policy?: Record<string, number>;
}

/** A running lab cluster. */
export interface LabCluster {
  lab: LabInfo;
  nats: NatsServer;
  bus: Bus;
  cluster: string;
  specs: NodeSpec[];
  supervisors: Map<string, ChildProcess>;
  /** The agent client of a host's supervisor. */
  agent(host: string): AgentClient;
  /** A worker's received-packets counter, read on its host; undefined while it does not answer. */
  packets(node: string): Promise<number | undefined>;
  /** Starts every node, role by role, each role on all hosts before the next. */
  startAll(): Promise<NodeOutcome[]>;
  /** (Re)starts the supervisor of a host (after a kill -9, it adopts). */
  startSupervisor(host: string): Promise<void>;
  teardown(): Promise<void>;
}

export async function startLabCluster(options: LabClusterOptions): Promise<LabCluster> {
  const release = await acquireLabLock();
  const lab = await labUp({ hosts: options.hosts, dir: mkdtempSync(join(tmpdir(), "zeekbus-lab-")) }).catch(
    (err) => {
      release();
      throw err;
    },
  );
  const nats = await startNatsServer({ host: lab.rootIp });
  const bus = await connectBus({ servers: nats.url, name: "e2e" });
  const cluster = uniqueCluster("lab");
  const hostDirs = Object.fromEntries(lab.hosts.map((h) => [h.ip, h.privateDir]));
  const { specs } = buildSimCluster({
    prefix: "/opt/zeek",
    hostDirs,
    nodeCfg: options.nodeCfg(lab),
    ...(options.zeekctlCfg ? { zeekctlCfg: options.zeekctlCfg } : {}),
  });
  const supervisors = new Map<string, ChildProcess>();
  const agent = (host: string) => new AgentClient(bus, cluster, host);

  const startSupervisor = async (ip: string) => {
    const host = lab.hosts.find((h) => h.ip === ip)!;
    const argv = hostCommand(lab, host.name, [process.execPath, supervisorMain]);
    const child = spawn(argv[0]!, argv.slice(1), {
      env: {
        ...process.env,
        ZEEKBUS_NATS: nats.url,
        ZEEKBUS_CLUSTER: cluster,
        ZEEKBUS_HOST: ip,
        ZEEKBUS_STATE_DIR: "/opt/zeek/spool/zeekbus-supervisor",
        ZEEKBUS_POLICY: JSON.stringify(options.policy ?? {}),
        ZEEKBUS_LOG_LEVEL: process.env.ZEEKBUS_LOG_LEVEL ?? "warn",
      },
      stdio: ["ignore", "inherit", "inherit"],
    });
    supervisors.set(ip, child);
    await eventually(
      () =>
        agent(ip)
          .status([], 500)
          .then(() => true),
      {
        timeoutMs: 15_000,
        what: `supervisor on ${host.name}`,
      },
    );
  };
  for (const h of lab.hosts) await startSupervisor(h.ip);

  const packets = async (node: string) => {
    const spec = specs.find((s) => s.name === node);
    if (spec?.metricsPort === undefined) throw new Error(`${node} has no metrics port`);
    return (await hostCaptureCounters(lab, spec.host, spec.metricsPort))?.received;
  };

  const startAll = async () => {
    const outcomes: NodeOutcome[] = [];
    for (const type of START_ORDER) {
      const tier = specs.filter((s) => s.type === type);
      const hosts = [...new Set(tier.map((s) => s.host))];
      const replies = await Promise.all(hosts.map((h) => agent(h).start(tier.filter((s) => s.host === h))));
      outcomes.push(...replies.flatMap((r) => r.results));
    }
    return outcomes;
  };

  const teardown = async () => {
    for (const child of supervisors.values()) child.kill("SIGKILL");
    await bus.close();
    await nats.stop();
    await labDown(lab.dir);
    release();
  };
  return { lab, nats, bus, cluster, specs, supervisors, agent, packets, startAll, startSupervisor, teardown };
}
