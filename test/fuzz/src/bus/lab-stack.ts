/**
 * The demo's cluster on the lab, deployed for real: three network-namespace hosts with their
 * own sshd, nats-server on the lab's root address, topology and provisioner as child processes,
 * and `examples/cluster` deployed through topology — the provisioner mirrors zeek-sim to the
 * hosts over SSH, bootstraps an agent (process supervisor) on each and the rollout starts
 * logger, manager, proxy and four af_packet workers.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectBus } from "@zeekbus/bus";
import { acquireLabLock, type LabInfo, labDown, labUp, repoRoot } from "@zeekbus/lab";
import { type NatsServer, startNatsServer } from "@zeekbus/nats-infra";
import { installZeekSim } from "@zeekbus/zeek-sim";
import { loopbackResolvConf, startService, type WatchedProcess, watchPid } from "./procs.js";
import { contextOf, deployCluster, type FuzzStack, waitServing } from "./stack.js";

const EXAMPLE = "examples/cluster";

function readDir(dir: string, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, readFileSync(join(dir, n), "utf8")]));
}

/** Brings up the lab cluster (takes the machine's lab lock until teardown). */
export async function startLabStack(cluster: string, logDir: string): Promise<FuzzStack> {
  const release = await acquireLabLock();
  const dir = mkdtempSync(join(tmpdir(), "zeekbus-fuzz-lab-"));
  const children: { kill(signal: NodeJS.Signals): boolean }[] = [];
  const agents: WatchedProcess[] = [];
  let lab: LabInfo | undefined;
  let nats: NatsServer | undefined;
  let closeBus = async () => {};
  const teardown = async () => {
    for (const a of agents) if (!a.gone()) process.kill(a.pid, "SIGTERM");
    for (const c of children) c.kill("SIGTERM");
    await closeBus().catch(() => undefined);
    await nats?.stop().catch(() => undefined);
    await labDown(join(dir, "lab")).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    release();
  };
  try {
    lab = await labUp({ hosts: 3, dir: join(dir, "lab") });
    const zeekSource = join(dir, "zeek-source");
    installZeekSim(zeekSource);
    nats = await startNatsServer({ host: lab.rootIp });
    const bus = await connectBus({ servers: nats.url, name: "fuzz" });
    closeBus = () => bus.close();
    const resolv = loopbackResolvConf(dir);
    const env = {
      ...process.env,
      ZEEKBUS_NATS: nats.url,
      ZEEKBUS_CLUSTER: cluster,
      ZEEKBUS_LOG_LEVEL: process.env.ZEEKBUS_LOG_LEVEL ?? "warn",
      ZEEKBUS_SSH_USER: lab.sshUser,
      ZEEKBUS_SSH_KEY: lab.keyPath,
      ZEEKBUS_KNOWN_HOSTS: lab.knownHostsPath,
      ZEEKBUS_SSH_TOFU: "false",
      ZEEKBUS_ZEEK_PREFIX: "/opt/zeek",
      ZEEKBUS_ZEEK_SOURCE: zeekSource,
      ZEEKBUS_AGENT_NATS: nats.url,
      ZEEKBUS_LAB: "fuzz",
    };
    const services: WatchedProcess[] = [];
    for (const name of ["topology", "provisioner"]) {
      const s = startService(name, `@zeekbus/${name}/main`, env, logDir, resolv);
      children.push(s.child);
      services.push(await s.proc);
    }
    const root = join(repoRoot(), EXAMPLE);
    const files = readDir(join(root, "etc"), ["zeekctl.cfg", "node.cfg", "networks.cfg"]);
    const site = readDir(join(root, "site"), ["local.zeek"]);
    await waitServing(bus, logDir);
    const state = await deployCluster(bus, cluster, files, site);
    for (const h of lab.hosts) {
      const spool = join(h.privateDir, "spool");
      const pid = Number(readFileSync(join(spool, "zeekbus-supervisor.pid"), "utf8").trim());
      agents.push(watchPid(`process-supervisor@${h.ip}`, pid, join(spool, "zeekbus-supervisor.log")));
    }
    const first = lab.hosts[0]!;
    return {
      mode: "lab",
      bus,
      cluster,
      hosts: lab.hosts.map((h) => h.ip),
      ctx: contextOf(state, site, { host: first.ip, address: first.ip }),
      services: [...services, ...agents],
      teardown,
    };
  } catch (err) {
    await teardown();
    throw err;
  }
}
