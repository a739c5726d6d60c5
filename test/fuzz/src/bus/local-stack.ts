/**
 * A cluster on this machine, for the slice inside `npm test`: nats-server on loopback,
 * topology, provisioner and a process supervisor for host `localhost` as child processes,
 * and zeek-sim's logger, manager, proxy and two af_packet workers on `lo`, deployed through
 * topology. Needs root (AF_PACKET, the private mount that hides the resolver).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectBus, request } from "@zeekbus/bus";
import { AgentStatus, AgentStop, CommandReply, StatusReply } from "@zeekbus/contracts";
import { type NatsServer, startNatsServer } from "@zeekbus/nats-infra";
import { buildSimCluster, clusterPortBase, eventually, LOCAL_CLUSTER_NODE_CFG } from "@zeekbus/test-harness";
import { killProcessesUnder, loopbackResolvConf, startService, type WatchedProcess } from "./procs.js";
import { contextOf, deployCluster, type FuzzStack, waitServing } from "./stack.js";

/** Brings up the local cluster; `teardown` stops every node and process it started. */
export async function startLocalStack(cluster: string, logDir: string): Promise<FuzzStack> {
  const dir = mkdtempSync(join(tmpdir(), "zeekbus-fuzz-local-"));
  const prefix = join(dir, "zeek");
  const children: { kill(signal: NodeJS.Signals): boolean }[] = [];
  let nats: NatsServer | undefined;
  let closeBus = async () => {};
  let stopNodes = async () => {};
  const teardown = async () => {
    await stopNodes().catch(() => undefined);
    for (const c of children) c.kill("SIGTERM");
    killProcessesUnder(dir);
    await closeBus().catch(() => undefined);
    await nats?.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    nats = await startNatsServer();
    const bus = await connectBus({ servers: nats.url, name: "fuzz" });
    closeBus = () => bus.close();
    const base = clusterPortBase();
    const options = `ZeekPort = ${base}\nMetricsPort = ${base + 100}\n`;
    buildSimCluster({ prefix, nodeCfg: LOCAL_CLUSTER_NODE_CFG, zeekctlCfg: options });
    const resolv = loopbackResolvConf(dir);
    const env = {
      ...process.env,
      ZEEKBUS_NATS: nats.url,
      ZEEKBUS_CLUSTER: cluster,
      ZEEKBUS_ZEEK_PREFIX: prefix,
      ZEEKBUS_LOG_LEVEL: process.env.ZEEKBUS_LOG_LEVEL ?? "warn",
    };
    const supervisor = {
      ZEEKBUS_HOST: "localhost",
      ZEEKBUS_STATE_DIR: join(dir, "supervisor"),
      ZEEKBUS_READY_TIMEOUT_MS: "10000",
    };
    const services: WatchedProcess[] = [];
    const entries: [string, string, NodeJS.ProcessEnv][] = [
      ["topology", "@zeekbus/topology/main", env],
      ["provisioner", "@zeekbus/provisioner/main", env],
      ["process-supervisor@localhost", "@zeekbus/process-supervisor/main", { ...env, ...supervisor }],
    ];
    for (const [name, entry, e] of entries) {
      const s = startService(name, entry, e, logDir, resolv);
      children.push(s.child);
      services.push(await s.proc);
    }
    const agent = (verb: string) => bus.subjects.agent(cluster, "localhost", verb);
    await eventually(
      () => request(bus, agent("status"), AgentStatus, cluster, {}, StatusReply, { timeoutMs: 500 }),
      {
        timeoutMs: 15_000,
        what: "supervisor answering",
      },
    );
    stopNodes = async () => {
      await request(bus, agent("stop"), AgentStop, cluster, { nodes: [] }, CommandReply, {
        timeoutMs: 60_000,
      });
    };
    const files = { "zeekctl.cfg": `ZeekBase = ${prefix}\n${options}`, "node.cfg": LOCAL_CLUSTER_NODE_CFG };
    const site = { "local.zeek": "@load misc/stats\n" };
    await waitServing(bus, logDir);
    const state = await deployCluster(bus, cluster, files, site);
    return {
      mode: "local",
      bus,
      cluster,
      hosts: ["localhost"],
      ctx: contextOf(state, site, { host: "localhost", address: "localhost" }),
      services,
      teardown,
    };
  } catch (err) {
    await teardown();
    throw err;
  }
}
