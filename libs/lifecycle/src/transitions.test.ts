import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { initialTransition } from "xstate";
import { drive, type Effect, effectsOf, internal, MANAGER, step, WORKER } from "./fixtures.js";
import { nodeMachine } from "./machine.js";
import { type NodeMachineSnapshot, persistedSnapshot, stateOf } from "./snapshot.js";
import type { NodeMachineEvent } from "./types.js";

const emit = (event: string, reason?: string): Effect => ({
  type: "emitEvent",
  params: reason === undefined ? { event } : { event, reason },
});
const persist = (state: string): Effect => ({ type: "persist", params: { state } });

const T0 = 1_000_000;
const started: NodeMachineEvent[] = [{ type: "START" }, internal.spawned(42, T0)];
const running: NodeMachineEvent[] = [...started, internal.ready()];
const exit = (
  at: number,
  code: number | null = null,
  signal: string | null = "SIGSEGV",
): NodeMachineEvent => ({
  type: "PROCESS_EXITED",
  code,
  signal,
  at,
});
const backoff: NodeMachineEvent[] = [...running, exit(T0 + 1000)];
const restarting: NodeMachineEvent[] = [
  ...backoff,
  internal.after("backoffDelay", "backoff"),
  internal.spawned(43, T0 + 3000),
];

interface Case {
  name: string;
  from: NodeMachineSnapshot;
  event: NodeMachineEvent;
  to: unknown;
  effects: Effect[];
}

const worker = (events: NodeMachineEvent[]) => drive({ node: WORKER }, events);
const manager = (events: NodeMachineEvent[]) => drive({ node: MANAGER }, events);

const cases: Case[] = [
  {
    name: "declared START",
    from: worker([]),
    event: { type: "START" },
    to: { starting: { spawning: "pending" } },
    effects: [emit("starting"), persist("starting")],
  },
  {
    name: "declared INSTALL",
    from: worker([]),
    event: { type: "INSTALL" },
    to: "installing",
    effects: [persist("installing")],
  },
  {
    name: "installing INSTALLED",
    from: worker([{ type: "INSTALL" }]),
    event: { type: "INSTALLED" },
    to: "installed",
    effects: [persist("installed")],
  },
  {
    name: "installing INSTALL_FAILED",
    from: worker([{ type: "INSTALL" }]),
    event: { type: "INSTALL_FAILED", error: "no space left" },
    to: "failed",
    effects: [emit("failed", "no space left"), persist("failed")],
  },
  {
    name: "installed START",
    from: worker([{ type: "INSTALL" }, { type: "INSTALLED" }]),
    event: { type: "START" },
    to: { starting: { spawning: "pending" } },
    effects: [emit("starting"), persist("starting")],
  },
  {
    name: "spawned",
    from: worker([{ type: "START" }]),
    event: internal.spawned(42, T0),
    to: { starting: "waitingReady" },
    effects: [],
  },
  {
    name: "spawn rejected",
    from: worker([{ type: "START" }]),
    event: internal.spawnFailed("zeek binary not found"),
    to: "failed",
    effects: [emit("failed", "zeek binary not found"), persist("failed")],
  },
  {
    name: "ready",
    from: worker(started),
    event: internal.ready(),
    to: "running",
    effects: [emit("running"), persist("running")],
  },
  {
    name: "waitReady rejected",
    from: worker(started),
    event: internal.notReady(),
    to: { starting: "killing" },
    effects: [{ type: "signalKill", params: { pid: 42 } }],
  },
  {
    name: "ready timeout",
    from: worker(started),
    event: internal.after("readyTimeout", "starting.waitingReady"),
    to: { starting: "killing" },
    effects: [{ type: "signalKill", params: { pid: 42 } }],
  },
  {
    name: "killed unready process exits",
    from: worker([...started, internal.notReady()]),
    event: exit(T0 + 500, null, "SIGKILL"),
    to: "backoff",
    effects: [emit("crashed"), persist("crashed"), persist("backoff")],
  },
  {
    name: "running crash",
    from: worker(running),
    event: exit(T0 + 1000),
    to: "backoff",
    effects: [emit("crashed"), persist("crashed"), persist("backoff")],
  },
  {
    name: "running clean exit",
    from: worker(running),
    event: exit(T0 + 1000, 0, null),
    to: "backoff",
    effects: [emit("exited"), persist("crashed"), persist("backoff")],
  },
  {
    name: "healthy reset",
    from: worker(running),
    event: internal.after("healthyReset", "running"),
    to: "running",
    effects: [persist("running")],
  },
  {
    name: "backoff elapsed",
    from: worker(backoff),
    event: internal.after("backoffDelay", "backoff"),
    to: { restarting: { spawning: "pending" } },
    effects: [persist("restarting")],
  },
  {
    name: "backoff STOP",
    from: worker(backoff),
    event: { type: "STOP" },
    to: "stopped",
    effects: [emit("stopped", "stopped"), persist("stopped")],
  },
  {
    name: "worker restarted",
    from: worker(restarting),
    event: internal.ready(),
    to: "rejoining",
    effects: [emit("restarted"), persist("rejoining")],
  },
  {
    name: "manager restarted",
    from: manager(restarting),
    event: internal.ready(),
    to: "running",
    effects: [emit("restarted"), emit("running"), persist("running")],
  },
  {
    name: "rejoined",
    from: worker([...restarting, internal.ready()]),
    event: internal.rejoined(),
    to: "running",
    effects: [emit("running"), persist("running")],
  },
  {
    name: "rejoin unconfirmed",
    from: worker([...restarting, internal.ready()]),
    event: internal.rejoinFailed(),
    to: "running",
    effects: [emit("running", "rejoin_unconfirmed"), persist("running")],
  },
  {
    name: "crash while rejoining",
    from: worker([...restarting, internal.ready()]),
    event: exit(T0 + 4000),
    to: "backoff",
    effects: [emit("crashed"), persist("crashed"), persist("backoff")],
  },
  {
    name: "running STOP",
    from: worker(running),
    event: { type: "STOP", reason: "operator" },
    to: { stopping: "terminating" },
    effects: [{ type: "signalTerm", params: { pid: 42, reason: "operator" } }, persist("stopping")],
  },
  {
    name: "stop timeout",
    from: worker([...running, { type: "STOP" }]),
    event: internal.after("stopTimeout", "stopping.terminating"),
    to: { stopping: "killing" },
    effects: [{ type: "signalKill", params: { pid: 42 } }],
  },
  {
    name: "stopped by SIGTERM",
    from: worker([...running, { type: "STOP" }]),
    event: exit(T0 + 9000, 0, null),
    to: "stopped",
    effects: [emit("stopped", "stopped"), persist("stopped")],
  },
  {
    name: "crashed during shutdown",
    from: worker([...running, { type: "STOP" }]),
    event: exit(T0 + 9000, null, "SIGABRT"),
    to: "stopped",
    effects: [emit("stopped", "crashed during shutdown"), persist("stopped")],
  },
  {
    name: "killed after the stop timeout",
    from: worker([...running, { type: "STOP" }, internal.after("stopTimeout", "stopping.terminating")]),
    event: exit(T0 + 70_000, null, "SIGKILL"),
    to: "stopped",
    effects: [emit("stopped", "stopped"), persist("stopped")],
  },
  {
    name: "RESTART stops then starts",
    from: worker([...running, { type: "RESTART" }]),
    event: exit(T0 + 5000, 0, null),
    to: { starting: { spawning: "pending" } },
    effects: [emit("starting"), persist("starting")],
  },
  {
    name: "STOP while spawning, then spawned",
    from: worker([{ type: "START" }, { type: "STOP" }]),
    event: internal.spawned(42, T0),
    to: { stopping: "terminating" },
    effects: [{ type: "signalTerm", params: { pid: 42 } }, persist("stopping")],
  },
  {
    name: "failed START",
    from: worker([{ type: "START" }, internal.spawnFailed("x")]),
    event: { type: "START" },
    to: { starting: { spawning: "pending" } },
    effects: [emit("starting"), persist("starting")],
  },
  {
    name: "failed STOP",
    from: worker([{ type: "START" }, internal.spawnFailed("x")]),
    event: { type: "STOP" },
    to: "stopped",
    effects: [emit("stopped", "stopped"), persist("stopped")],
  },
  {
    name: "HOST_LOST from running",
    from: worker(running),
    event: { type: "HOST_LOST" },
    to: "unknown",
    effects: [persist("unknown")],
  },
  {
    name: "unknown ADOPTED",
    from: worker([...running, { type: "HOST_LOST" }]),
    event: { type: "ADOPTED", pid: 42, startedAt: T0 },
    to: "running",
    effects: [emit("running"), persist("running")],
  },
  {
    name: "unknown HOST_BACK_EMPTY after running",
    from: worker([...running, { type: "HOST_LOST" }]),
    event: { type: "HOST_BACK_EMPTY", at: T0 + 1_000 },
    to: "backoff",
    effects: [emit("crashed"), persist("crashed"), persist("backoff")],
  },
  {
    name: "unknown HOST_BACK_EMPTY after stopped",
    from: worker([...running, { type: "STOP" }, exit(T0 + 1, 0, null), { type: "HOST_LOST" }]),
    event: { type: "HOST_BACK_EMPTY" },
    to: "stopped",
    effects: [emit("stopped", "stopped"), persist("stopped")],
  },
  {
    name: "unknown HOST_BACK_EMPTY after declared",
    from: worker([{ type: "HOST_LOST" }]),
    event: { type: "HOST_BACK_EMPTY" },
    to: "declared",
    effects: [persist("declared")],
  },
  {
    name: "unknown ignores HOST_LOST",
    from: worker([{ type: "HOST_LOST" }]),
    event: { type: "HOST_LOST" },
    to: "unknown",
    effects: [],
  },
  {
    name: "stopped RESTART",
    from: worker([...running, { type: "STOP" }, exit(T0 + 1, 0, null)]),
    event: { type: "RESTART" },
    to: { starting: { spawning: "pending" } },
    effects: [emit("starting"), persist("starting")],
  },
  {
    name: "quarantined STOP",
    from: drive({ node: WORKER, policy: { quarantineCrashes: 1 } }, backoff),
    event: { type: "STOP" },
    to: "stopped",
    effects: [emit("stopped", "stopped"), persist("stopped")],
  },
  {
    name: "host back with the process while stopping: stop again",
    from: worker([...running, { type: "STOP" }, { type: "HOST_LOST" }]),
    event: { type: "ADOPTED", pid: 42, startedAt: T0 },
    to: { stopping: "terminating" },
    effects: [{ type: "signalTerm", params: { pid: 42 } }, persist("stopping")],
  },
  {
    name: "host back empty during a restart: start",
    from: worker([...running, { type: "RESTART" }, { type: "HOST_LOST" }]),
    event: { type: "HOST_BACK_EMPTY", at: T0 + 5 },
    to: { starting: { spawning: "pending" } },
    effects: [emit("starting"), persist("starting")],
  },
  {
    name: "host back empty while installing: declared again",
    from: worker([{ type: "INSTALL" }, { type: "HOST_LOST" }]),
    event: { type: "HOST_BACK_EMPTY" },
    to: "declared",
    effects: [persist("declared")],
  },
  {
    name: "host back empty in backoff: backoff again",
    from: worker([...backoff, { type: "HOST_LOST" }]),
    event: { type: "HOST_BACK_EMPTY", at: T0 + 5 },
    to: "backoff",
    effects: [persist("backoff")],
  },
  {
    name: "running ignores START",
    from: worker(running),
    event: { type: "START" },
    to: "running",
    effects: [],
  },
  {
    name: "unknown ignores STOP",
    from: worker([...running, { type: "HOST_LOST" }]),
    event: { type: "STOP" },
    to: "unknown",
    effects: [],
  },
];

describe("node machine transitions (pure)", () => {
  for (const c of cases) {
    it(c.name, () => {
      const { snapshot, effects } = step(c.from, c.event);
      assert.deepEqual(snapshot.value, c.to);
      assert.deepEqual(effects, c.effects);
    });
  }
});

describe("node machine context (pure)", () => {
  it("adopted input starts in running with the process and nothing to emit", () => {
    const [snapshot, actions] = initialTransition(nodeMachine, {
      node: WORKER,
      adopted: { pid: 7, startedAt: T0 },
    });
    assert.equal(stateOf(snapshot), "running");
    assert.deepEqual([snapshot.context.pid, snapshot.context.startedAt], [7, T0]);
    assert.deepEqual(effectsOf(actions), [persist("running")]);
  });

  it("a crash records the exit, the window and forgets the process", () => {
    const snapshot = worker([...running, exit(T0 + 2500, null, "SIGSEGV")]);
    const { lastExit, crashTimes, pid, startedAt, attempt } = snapshot.context;
    assert.deepEqual(lastExit, { code: null, signal: "SIGSEGV", at: T0 + 2500, ranMs: 2500, pid: 42 });
    assert.deepEqual([crashTimes, pid, startedAt, attempt], [[T0 + 2500], undefined, undefined, 0]);
  });

  it("crash times older than the window are dropped", () => {
    const snapshot = worker([
      ...backoff,
      internal.after("backoffDelay", "backoff"),
      internal.spawned(43, T0 + 400_000),
      exit(T0 + 400_001),
    ]);
    assert.deepEqual(snapshot.context.crashTimes, [T0 + 400_001]);
    assert.deepEqual([snapshot.context.attempt, snapshot.context.restarts], [1, 1]);
  });

  it("persistedSnapshot keeps the facts and drops policy and flags", () => {
    const record = persistedSnapshot(worker(running));
    assert.deepEqual(record, {
      node: WORKER,
      state: "running",
      pid: 42,
      startedAt: T0,
      attempt: 0,
      restarts: 0,
      crashTimes: [],
    });
    assert.deepEqual(JSON.parse(JSON.stringify(record)), record);
  });

  it("stateOf names the top-level state of nested values", () => {
    assert.equal(stateOf(worker(started)), "starting");
    assert.equal(stateOf({ value: { stopping: "killing" } }), "stopping");
  });
});

describe("host loss (pure)", () => {
  const from: Array<[string, NodeMachineEvent[]]> = [
    ["declared", []],
    ["installing", [{ type: "INSTALL" }]],
    ["installed", [{ type: "INSTALL" }, { type: "INSTALLED" }]],
    ["starting", started],
    ["running", running],
    ["backoff", backoff],
    ["restarting", restarting],
    ["rejoining", [...restarting, internal.ready()]],
    ["stopping", [...running, { type: "STOP" }]],
    ["stopped", [...running, { type: "STOP" }, exit(T0 + 1, 0, null)]],
    ["failed", [{ type: "START" }, internal.spawnFailed("x")]],
  ];
  for (const [state, events] of from) {
    it(`HOST_LOST from ${state} remembers it`, () => {
      const before = worker(events);
      assert.equal(stateOf(before), state);
      const { snapshot, effects } = step(before, { type: "HOST_LOST" });
      assert.equal(stateOf(snapshot), "unknown");
      assert.equal(snapshot.context.lostFrom, state);
      assert.deepEqual(effects, [persist("unknown")]);
    });
  }
});
