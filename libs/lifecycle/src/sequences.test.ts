import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EPOCH, FakeNode } from "./fakes.js";
import { MANAGER, WORKER } from "./fixtures.js";

describe("node machine with fake effects", () => {
  it("first start: starting → running", async () => {
    const node = new FakeNode(WORKER);
    await node.send({ type: "START" });
    assert.deepEqual(node.states, ["starting", "running"]);
    assert.deepEqual(node.events, ["starting", "running"]);
    assert.deepEqual(node.calls, ["spawn", "ready:100"]);
    assert.equal(node.actor.getSnapshot().context.pid, 100);
  });

  it("install, then start", async () => {
    const node = new FakeNode(MANAGER);
    await node.send({ type: "INSTALL" });
    await node.send({ type: "INSTALLED" });
    await node.send({ type: "START" });
    assert.deepEqual(node.states, ["installing", "installed", "starting", "running"]);
  });

  it("a crashed worker is restarted and rejoined: crashed → restarted → running", async () => {
    const node = new FakeNode(WORKER);
    await node.send({ type: "START" });
    await node.exit(null, "SIGKILL");
    await node.advance(1000);
    assert.deepEqual(node.states, [
      "starting",
      "running",
      "crashed",
      "backoff",
      "restarting",
      "rejoining",
      "running",
    ]);
    assert.deepEqual(node.events, ["starting", "running", "crashed", "restarted", "running"]);
    assert.deepEqual(node.calls, ["spawn", "ready:100", "spawn", "ready:101", "rejoin:101"]);
    const { lastExit, restarts, pid } = node.actor.getSnapshot().context;
    assert.deepEqual(lastExit, { code: null, signal: "SIGKILL", at: EPOCH, ranMs: 0, pid: 100 });
    assert.equal(restarts, 1);
    assert.equal(pid, 101);
  });

  it("a crashed manager is running again as soon as it is ready (no rejoin)", async () => {
    const node = new FakeNode(MANAGER);
    await node.send({ type: "START" });
    await node.exit(1, null);
    await node.advance(1000);
    assert.deepEqual(node.states.slice(2), ["crashed", "backoff", "restarting", "running"]);
    assert.deepEqual(node.events.slice(2), ["crashed", "restarted", "running"]);
  });

  it("a rejoin that cannot be confirmed still ends in running, saying so", async () => {
    const node = new FakeNode(WORKER);
    node.behaviour.rejoin = { reject: "no packets" };
    await node.send({ type: "START" });
    await node.exit(null, "SIGKILL");
    await node.advance(1000);
    assert.equal(node.state, "running");
    assert.deepEqual(node.events.slice(-2), ["restarted", "running:rejoin_unconfirmed"]);
  });

  it("quarantines after 5 crashes within 5 minutes", async () => {
    const node = new FakeNode(WORKER);
    await node.send({ type: "START" });
    for (const delay of [1000, 1000, 1000, 2000]) {
      await node.exit(null, "SIGSEGV");
      await node.advance(delay);
      assert.equal(node.state, "running");
    }
    await node.exit(null, "SIGSEGV");
    assert.equal(node.state, "quarantined");
    assert.deepEqual(node.events.slice(-2), ["crashed", "quarantined:5 crashes within 300 s (limit 5)"]);
    await node.advance(3_600_000);
    assert.equal(node.state, "quarantined");
    assert.equal(node.calls.filter((c) => c === "spawn").length, 5);
  });

  it("does not quarantine 5 crashes spread over more than 5 minutes", async () => {
    const node = new FakeNode(WORKER);
    await node.send({ type: "START" });
    for (let i = 0; i < 5; i++) {
      await node.advance(80_000);
      await node.exit(null, "SIGSEGV");
      await node.advance(0);
      assert.equal(node.state, "running", `crash ${i + 1} restarted at once`);
    }
    assert.equal(node.actor.getSnapshot().context.crashTimes.length, 4);
    assert.ok(!node.events.some((e) => e.startsWith("quarantined")));
  });

  it("unquarantine starts the node again with a clean crash history", async () => {
    const node = new FakeNode(MANAGER, { policy: { quarantineCrashes: 2 } });
    await node.send({ type: "START" });
    await node.exit(null, "SIGSEGV");
    await node.advance(1000);
    await node.exit(null, "SIGSEGV");
    assert.equal(node.state, "quarantined");
    await node.send({ type: "UNQUARANTINE" });
    assert.equal(node.state, "running");
    assert.deepEqual(node.events.slice(-3), [
      "quarantined:2 crashes within 300 s (limit 2)",
      "starting",
      "running",
    ]);
    const { crashTimes, attempt } = node.actor.getSnapshot().context;
    assert.deepEqual([crashTimes, attempt], [[], 0]);
  });

  it("stop: SIGTERM, then SIGKILL exactly at the stop timeout", async () => {
    const node = new FakeNode(WORKER, { policy: { stopTimeoutMs: 5000 } });
    await node.send({ type: "START" });
    await node.send({ type: "STOP", reason: "operator" });
    assert.deepEqual(node.signals, ["TERM:100"]);
    await node.advance(4999);
    assert.deepEqual(node.signals, ["TERM:100"]);
    await node.advance(1);
    assert.deepEqual(node.signals, ["TERM:100", "KILL:100"]);
    assert.equal(node.state, "stopping");
    await node.exit(null, "SIGKILL");
    assert.deepEqual(node.states.slice(-2), ["stopping", "stopped"]);
    assert.deepEqual(node.events.slice(-1), ["stopped:stopped"]);
  });

  it("a process dying of another signal while stopping crashed during shutdown", async () => {
    const node = new FakeNode(WORKER);
    await node.send({ type: "START" });
    await node.send({ type: "STOP" });
    await node.exit(null, "SIGSEGV");
    assert.equal(node.state, "stopped");
    assert.deepEqual(node.events.slice(-1), ["stopped:crashed during shutdown"]);
    assert.equal(node.actor.getSnapshot().context.stopReason, "crashed during shutdown");
    await node.advance(600_000);
    assert.equal(node.state, "stopped");
  });

  it("restart: stop, then start a new process", async () => {
    const node = new FakeNode(MANAGER);
    await node.send({ type: "START" });
    await node.send({ type: "RESTART" });
    await node.exit(0, null);
    assert.deepEqual(node.states, ["starting", "running", "stopping", "starting", "running"]);
    assert.deepEqual(node.calls, ["spawn", "ready:100", "spawn", "ready:101"]);
    assert.equal(node.actor.getSnapshot().context.restarts, 0);
  });

  it("spawn failure: failed with the reason, no retry", async () => {
    const node = new FakeNode(WORKER);
    node.behaviour.spawn = { reject: "zeek binary not found: /opt/zeek/bin/zeek" };
    await node.send({ type: "START" });
    await node.advance(3_600_000);
    assert.deepEqual(node.states, ["starting", "failed"]);
    assert.deepEqual(node.events, ["starting", "failed:zeek binary not found: /opt/zeek/bin/zeek"]);
    assert.deepEqual(node.calls, ["spawn"]);
  });

  it("not ready in time: killed, then handled as a crash", async () => {
    const node = new FakeNode(WORKER, { policy: { readyTimeoutMs: 10_000 } });
    node.behaviour.ready = "pending";
    await node.send({ type: "START" });
    await node.advance(9999);
    assert.deepEqual(node.signals, []);
    await node.advance(1);
    assert.deepEqual(node.signals, ["KILL:100"]);
    await node.exit(null, "SIGKILL");
    assert.deepEqual(node.states, ["starting", "crashed", "backoff"]);
    assert.deepEqual(node.events, ["starting", "crashed"]);
  });

  it("adopted on boot: running at once, nothing emitted, and still recovered after a crash", async () => {
    const node = new FakeNode(WORKER, { adopted: { pid: 4242, startedAt: EPOCH - 3_600_000 } });
    assert.equal(node.state, "running");
    assert.deepEqual(node.events, []);
    assert.deepEqual(node.calls, []);
    assert.equal(node.actor.getSnapshot().context.pid, 4242);
    await node.exit(null, "SIGKILL");
    await node.advance(0);
    assert.equal(node.state, "running");
    assert.deepEqual(node.events, ["crashed", "restarted", "running"]);
    assert.equal(node.actor.getSnapshot().context.lastExit?.ranMs, 3_600_000);
  });

  it("host lost and back with the process: adopted, no restart", async () => {
    const node = new FakeNode(WORKER);
    await node.send({ type: "START" });
    await node.send({ type: "HOST_LOST" });
    assert.equal(node.state, "unknown");
    await node.send({ type: "ADOPTED", pid: 100, startedAt: EPOCH });
    assert.deepEqual(node.states, ["starting", "running", "unknown", "running"]);
    assert.deepEqual(node.calls, ["spawn", "ready:100"]);
  });

  it("host lost and back without the process: the crash path restarts it", async () => {
    const node = new FakeNode(WORKER);
    await node.send({ type: "START" });
    await node.send({ type: "HOST_LOST" });
    await node.send({ type: "HOST_BACK_EMPTY", at: node.now() });
    await node.advance(1000);
    assert.deepEqual(node.states, [
      "starting",
      "running",
      "unknown",
      "crashed",
      "backoff",
      "restarting",
      "rejoining",
      "running",
    ]);
    assert.equal(node.actor.getSnapshot().context.lostFrom, undefined);
  });

  it("host lost while stopped and back empty: stays stopped", async () => {
    const node = new FakeNode(WORKER);
    await node.send({ type: "START" });
    await node.send({ type: "STOP" });
    await node.exit(0, null);
    await node.send({ type: "HOST_LOST" });
    await node.send({ type: "HOST_BACK_EMPTY", at: node.now() });
    assert.deepEqual(node.states.slice(-3), ["stopped", "unknown", "stopped"]);
    assert.deepEqual(node.calls, ["spawn", "ready:100"]);
  });

  it("the default effects reject clearly when not provided", async () => {
    const { createActor } = await import("xstate");
    const { nodeMachine } = await import("./machine.js");
    const actor = createActor(nodeMachine, { input: { node: WORKER } }).start();
    actor.send({ type: "START" });
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.equal(actor.getSnapshot().value, "failed");
    assert.equal(actor.getSnapshot().context.failure, 'actor "spawnNode" not provided');
    actor.stop();
  });
});
