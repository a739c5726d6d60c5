import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { type Bus, connectBus } from "@zeekbus/bus";
import { SupervisorProcess } from "@zeekbus/process-supervisor/testing";
import {
  buildSimCluster,
  clusterPortBase,
  eventually,
  LOCAL_CLUSTER_NODE_CFG,
  natsFixture,
  uniqueCluster,
} from "@zeekbus/test-harness";
import { configDir, runCli } from "../topology/testing.js";

describe("zeekbus start / stop / status / restart against a supervisor", () => {
  const nats = natsFixture();
  const cluster = uniqueCluster("ctl");
  let bus: Bus;
  let topology: ChildProcess;
  let cli: (...args: string[]) => ReturnType<typeof runCli>;

  before(async () => {
    bus = await connectBus({ servers: nats.url, name: "test" });
    const prefix = mkdtempSync(join(tmpdir(), "zeekbus-prefix-"));
    const base = clusterPortBase();
    const zeekctlCfg = `ZeekBase = ${prefix}\nZeekPort = ${base}\nMetricsPort = ${base + 100}\n`;
    buildSimCluster({
      prefix,
      nodeCfg: LOCAL_CLUSTER_NODE_CFG,
      zeekctlCfg: zeekctlCfg.split("\n").slice(1).join("\n"),
    });
    const env = {
      ...process.env,
      ZEEKBUS_NATS: nats.url,
      ZEEKBUS_CLUSTER: cluster,
      ZEEKBUS_LOG_LEVEL: "warn",
    };
    topology = spawn(process.execPath, [fileURLToPath(import.meta.resolve("@zeekbus/topology/main"))], {
      env,
      stdio: "inherit",
    });
    const sup = new SupervisorProcess({ nats: nats.url, cluster, host: "localhost" });
    await sup.start(bus);
    cli = (...args) => runCli(["--nats", nats.url, "--cluster", cluster, ...args]);
    const dir = await configDir({ "zeekctl.cfg": zeekctlCfg, "node.cfg": LOCAL_CLUSTER_NODE_CFG });
    await eventually(async () => (await cli("apply", dir)).code === 0, { timeoutMs: 15_000, what: "apply" });
    nats.teardown(async () => {
      await cli("stop");
      await sup.kill();
      topology.kill("SIGTERM");
      await bus.close();
    });
  });

  it("starts every node in zeekctl's group order and reports them running", async () => {
    const started = await cli("start");
    assert.equal(started.code, 0, started.stderr);
    assert.equal(
      started.stdout,
      "starting logger ...\nstarting manager ...\nstarting proxy ...\nstarting workers ...\n",
    );
    const st = await cli("status");
    assert.equal(st.code, 0, st.stdout);
    assert.match(st.stdout, /^Name {9}Type {4}Host {13}Status {4}Pid {4}Started\n/);
    assert.equal(st.stdout.match(/ running /g)?.length, 5);
  });

  it("stops a group; status then exits 1 and shows them stopped", async () => {
    const stopped = await cli("stop", "workers");
    assert.equal(stopped.code, 0, stopped.stderr);
    assert.equal(stopped.stdout, "stopping workers ...\n");
    const st = await cli("status", "workers");
    assert.equal(st.code, 1);
    assert.match(st.stdout, /worker-1-1 {3}worker localhost stopped/);
    const again = await cli("start", "worker-1-2");
    assert.equal(again.stdout, "starting worker ...\n");
  });

  it("rejects an unknown node with zeekctl's error and exit 1", async () => {
    const r = await cli("stop", "worker-9");
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^Error: unknown node 'worker-9'/);
  });

  it("restarts nodes: stop then start", async () => {
    const r = await cli("restart", "manager");
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "stopping manager ...\nstarting manager ...\n");
    const json = JSON.parse((await cli("--json", "status", "manager")).stdout);
    assert.equal(json[0].state, "running");
  });
});
