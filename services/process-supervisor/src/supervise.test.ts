import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { type Bus, connectBus, errorFromReply } from "@zeekbus/bus";
import { type NodeSpec, ValidationError } from "@zeekbus/contracts";
import {
  buildSimCluster,
  clusterPortBase,
  eventually,
  LOCAL_CLUSTER_NODE_CFG,
  natsFixture,
  uniqueCluster,
} from "@zeekbus/test-harness";
import {
  collectEvents,
  nodeProcesses,
  SupervisorProcess,
  type SupervisorUnderTest,
  start,
  status,
  stop,
  unquarantine,
} from "./testing/supervisor-process.js";

function cluster(prefix: string): NodeSpec[] {
  const base = clusterPortBase();
  return buildSimCluster({
    prefix,
    nodeCfg: LOCAL_CLUSTER_NODE_CFG,
    zeekctlCfg: `ZeekPort = ${base}\nMetricsPort = ${base + 100}\n`,
  }).specs;
}

const fastPolicy = {
  backoffInitialMs: 100,
  immediateRetryAfterMs: 60_000,
  quarantineCrashes: 3,
  stopTimeoutMs: 500,
};

describe("process supervisor", () => {
  const nats = natsFixture();
  let bus: Bus;
  let sut: SupervisorUnderTest;
  let sup: SupervisorProcess;
  let specs: NodeSpec[];
  const pidOf = async (node: string) => (await status(bus, sut, [node])).nodes[0]?.pid;

  before(async () => {
    bus = await connectBus({ servers: nats.url, name: "test" });
    sut = { nats: nats.url, cluster: uniqueCluster("sup"), host: "localhost", policy: fastPolicy };
    sup = new SupervisorProcess(sut);
    specs = cluster(mkdtempSync(join(tmpdir(), "zeekbus-prefix-")));
    await sup.start(bus);
    nats.teardown(async () => {
      await stop(bus, sut).catch(() => undefined);
      await sup.kill();
      await bus.close();
    });
  });

  it("starts a cluster in tier order and reports every node running", async () => {
    const events = collectEvents(bus, sut.cluster);
    const reply = await start(bus, sut, [...specs].reverse());
    const outcomes = reply.results.map((r) => `${r.node}:${r.outcome}`);
    assert.deepEqual(outcomes.slice(0, 3), ["logger:started", "manager:started", "proxy-1:started"]);
    assert.deepEqual(outcomes.slice(3).sort(), ["worker-1-1:started", "worker-1-2:started"]);
    const st = await status(bus, sut);
    assert.ok(st.nodes.every((n) => n.state === "running" && n.pid));
    const firstRunning = (n: string) => events.events.indexOf(`${n}:running`);
    await eventually(() => specs.every((sp) => firstRunning(sp.name) >= 0), { what: "running events" });
    assert.ok(firstRunning("logger") < firstRunning("manager"));
    assert.ok(firstRunning("manager") < firstRunning("worker-1-1"));
    events.stop();
  });

  it("restarts a kill -9'd worker and publishes crashed → restarted → running in order", async () => {
    const events = collectEvents(bus, sut.cluster);
    const before = await pidOf("worker-1-1");
    assert.ok(before);
    process.kill(before, "SIGKILL");
    await eventually(
      async () =>
        (await status(bus, sut, ["worker-1-1"])).nodes[0]?.state === "running" &&
        (await pidOf("worker-1-1")) !== before,
      {
        timeoutMs: 10_000,
        what: "worker-1-1 running again",
      },
    );
    await eventually(() => events.events.includes("worker-1-1:running"), { what: "running event" });
    const mine = events.events.filter((e) => e.startsWith("worker-1-1:"));
    assert.deepEqual(mine.slice(0, 2), ["worker-1-1:crashed", "worker-1-1:restarted"]);
    assert.equal(mine.at(-1), "worker-1-1:running");
    const spec = specs.find((s) => s.name === "worker-1-1")!;
    const crashes = readdirSync(join(spec.cwd, "..", "tmp")).filter((d) =>
      /^post-terminate-worker-.*-crash$/.test(d),
    );
    assert.equal(crashes.length, 1);
    assert.equal(Number(readFileSync(join(spec.cwd, ".pid"), "utf8")), await pidOf("worker-1-1"));
    events.stop();
  });

  it("adopts every node after its own kill -9: same pids, no restarts, no duplicates", async () => {
    const before = (await status(bus, sut)).nodes.map((n) => `${n.name}:${n.pid}`).sort();
    await sup.kill();
    await sup.start(bus);
    const after = (await status(bus, sut)).nodes;
    assert.deepEqual(after.map((n) => `${n.name}:${n.pid}`).sort(), before);
    assert.ok(after.every((n) => n.state === "running"));
    for (const spec of specs) assert.equal(nodeProcesses(spec.cwd).length, 1, spec.name);
    const stopped = await stop(bus, sut, ["manager"]);
    assert.deepEqual(
      stopped.results.map((r) => r.outcome),
      ["stopped"],
      "an adopted node stops cleanly",
    );
    await start(
      bus,
      sut,
      specs.filter((s) => s.name === "manager"),
    );
    const victim = await pidOf("worker-1-2");
    process.kill(victim!, "SIGKILL");
    await eventually(
      async () => {
        const pid = await pidOf("worker-1-2");
        return (
          pid !== undefined &&
          pid !== victim &&
          (await status(bus, sut, ["worker-1-2"])).nodes[0]?.state === "running"
        );
      },
      { timeoutMs: 10_000, what: "adopted worker recovered" },
    );
  });

  it("never adopts or kills a process that reused a recorded pid", async () => {
    const spec = specs.find((s) => s.name === "proxy-1")!;
    await sup.kill();
    const real = readFileSync(join(spec.cwd, ".pid"), "utf8").trim();
    process.kill(Number(real), "SIGKILL");
    const impostor = spawn("sleep", ["60"], { stdio: "ignore" });
    await new Promise((r) => impostor.once("spawn", r));
    const file = join(sup.stateDir, "nodes", "proxy-1.json");
    const record = JSON.parse(readFileSync(file, "utf8"));
    record.process.pid = impostor.pid;
    writeFileSync(file, JSON.stringify(record));
    try {
      await sup.start(bus);
      await eventually(async () => (await status(bus, sut, ["proxy-1"])).nodes[0]?.state === "running", {
        timeoutMs: 10_000,
        what: "proxy-1 started anew",
      });
      assert.notEqual(await pidOf("proxy-1"), impostor.pid);
      assert.equal(impostor.exitCode, null);
      assert.equal(impostor.signalCode, null);
    } finally {
      impostor.kill("SIGKILL");
    }
  });

  it("kills a node that ignores SIGTERM after the stop timeout", async () => {
    const proxy = specs.find((s) => s.name === "proxy-1")!;
    const spec = { ...proxy, env: { ...proxy.env, ZEEK_SIM_FAULTS: "ignore-sigterm" } };
    await stop(bus, sut, ["proxy-1"]);
    await start(bus, sut, [spec]);
    const t = Date.now();
    const reply = await stop(bus, sut, ["proxy-1"]);
    assert.equal(reply.results[0]?.outcome, "stopped");
    assert.ok(Date.now() - t >= 450, "waited for the stop timeout");
    assert.equal(nodeProcesses(spec.cwd).length, 0);
  });

  it("marks a node with a missing zeek binary failed, without a restart loop", async () => {
    const events = collectEvents(bus, sut.cluster);
    const spec = { ...specs.find((s) => s.name === "proxy-1")!, name: "broken", zeek: "/nonexistent/zeek" };
    const reply = await start(bus, sut, [spec]);
    assert.equal(reply.results[0]?.outcome, "start_failed");
    assert.match(reply.results[0]?.error ?? "", /zeek binary not found/);
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal((await status(bus, sut, ["broken"])).nodes[0]?.state, "failed");
    assert.equal(events.events.filter((e) => e === "broken:starting").length, 1);
    events.stop();
  });

  it("quarantines a crash loop and brings it back on unquarantine", async () => {
    const spec = specs.find((s) => s.name === "proxy-1")!;
    await stop(bus, sut, ["proxy-1"]);
    writeFileSync(join(spec.cwd, "zeek-sim-faults"), "crash-after=0.3s\n");
    const events = collectEvents(bus, sut.cluster);
    await start(bus, sut, [spec]);
    await eventually(async () => (await status(bus, sut, ["proxy-1"])).nodes[0]?.state === "quarantined", {
      timeoutMs: 15_000,
      what: "proxy-1 quarantined",
    });
    assert.equal(events.events.filter((e) => e === "proxy-1:crashed").length, 3);
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(
      events.events.filter((e) => e === "proxy-1:crashed").length,
      3,
      "no restarts once quarantined",
    );
    assert.equal(nodeProcesses(spec.cwd).length, 0);
    rmSync(join(spec.cwd, "zeek-sim-faults"));
    const reply = await unquarantine(bus, sut, "proxy-1");
    assert.equal(reply.state, "running");
    events.stop();
  });

  it("answers malformed requests with ValidationError and keeps serving", async () => {
    const subject = bus.subjects.agent(sut.cluster, sut.host, "start");
    const bad = await bus.nc.request(subject, "{nope", { timeout: 2000 });
    assert.ok(errorFromReply(bad) instanceof ValidationError);
    const wrong = {
      type: "zeekbus.agent.v1.start",
      id: "x",
      ts: new Date().toISOString(),
      cluster: sut.cluster,
      data: { specs: [{ name: "a;b" }] },
    };
    const reply = await bus.nc.request(subject, JSON.stringify(wrong), { timeout: 2000 });
    const err = errorFromReply(reply);
    assert.ok(err instanceof ValidationError);
    assert.ok(err.details.length > 0);
    assert.ok((await status(bus, sut)).nodes.length > 0);
  });
});
