import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { getShortestPaths } from "@xstate/graph";
import { NodeState } from "@zeekbus/contracts";
import { getMicrosteps, getNextTransitions } from "xstate";
import { MANAGER, WORKER } from "./fixtures.js";
import { nodeMachine } from "./machine.js";
import { type NodeMachineSnapshot, stateOf } from "./snapshot.js";
import type { NodeMachineEvent, NodeRef } from "./types.js";

const AT = 1_000_000;

/** A sample event for each event type the snapshot has a transition for (external and internal). */
function eventsFrom(snapshot: NodeMachineSnapshot): NodeMachineEvent[] {
  const types = new Set(getNextTransitions(snapshot).map((t) => t.eventType));
  return [...types].filter((type) => type !== "").map((type) => sample(type));
}

function sample(type: string): NodeMachineEvent {
  const extra: Record<string, unknown> = {
    PROCESS_EXITED: { code: null, signal: "SIGSEGV", at: AT },
    INSTALL_FAILED: { error: "disk full" },
    ADOPTED: { pid: 7, startedAt: AT - 1 },
    HOST_BACK_EMPTY: { at: AT },
    "xstate.done.actor.spawn": { output: { pid: 7, startedAt: AT - 1 } },
  };
  const payload = type.startsWith("xstate.error.actor.") ? { error: new Error("rejected") } : extra[type];
  return { type, ...(payload as object) } as NodeMachineEvent;
}

/**
 * Identity of a snapshot for the search: the state value and the context that decides which
 * edges exist. Crash counts at or above the quarantine limit are all alike.
 */
function serialize(snapshot: NodeMachineSnapshot): string {
  const { crashTimes, lostFrom, restartAfterStop, policy } = snapshot.context;
  const crashes = Math.min(crashTimes.length, policy.quarantineCrashes);
  return JSON.stringify([snapshot.value, crashes, lostFrom ?? null, restartAfterStop]);
}

const traversal = { events: eventsFrom, serializeState: serialize, limit: 20_000 };

/**
 * Every top-level state entered on the shortest paths (transient ones included, by replaying
 * each step's microsteps), and the snapshots reached through `crashed`. A path's steps hold
 * the state *after* their event; the first step is the initial state.
 */
function explore(node: NodeRef) {
  const paths = getShortestPaths(nodeMachine, { ...traversal, input: { node } });
  const visited = new Set<string>();
  const afterCrash = new Map<string, NodeMachineSnapshot>();
  for (const path of paths) {
    visited.add(stateOf(path.state));
    path.steps.forEach((step, i) => {
      const source = path.steps[i - 1]?.state;
      if (source === undefined) return;
      const micro = getMicrosteps(nodeMachine, source, step.event);
      const entered = micro.map(([s]) => stateOf(s));
      for (const s of entered) visited.add(s);
      const last = micro.at(-1)?.[0];
      if (last !== undefined && entered.includes("crashed")) afterCrash.set(serialize(last), last);
    });
  }
  return { paths, visited, afterCrash };
}

describe("node machine reachability", () => {
  for (const node of [WORKER, MANAGER]) {
    it(`every state is reachable from declared (${node.type})`, () => {
      const { visited } = explore(node);
      const expected =
        node.type === "worker" ? NodeState.options : NodeState.options.filter((s) => s !== "rejoining");
      assert.deepEqual([...visited].sort(), [...expected].sort());
    });
  }

  it("running is reachable from every way out of crashed", () => {
    const { afterCrash } = explore(WORKER);
    const outcomes = new Set([...afterCrash.values()].map(stateOf));
    assert.deepEqual([...outcomes].sort(), ["backoff", "quarantined"]);
    for (const [key, fromState] of afterCrash) {
      const toRunning = getShortestPaths(nodeMachine, {
        ...traversal,
        fromState,
        toState: (s) => stateOf(s) === "running",
      });
      assert.ok(toRunning.length > 0, `no path to running from ${key}`);
    }
  });

  it("a crash from running reaches running again without operator events", () => {
    const { paths } = explore(WORKER);
    const running = paths.find((p) => stateOf(p.state) === "running");
    assert.ok(running);
    const [afterCrash] = getMicrosteps(nodeMachine, running.state, sample("PROCESS_EXITED")).at(-1) ?? [];
    assert.ok(afterCrash);
    const automatic = (s: NodeMachineSnapshot) =>
      eventsFrom(s).filter((e) => e.type.startsWith("xstate.done.") || e.type.startsWith("xstate.after."));
    const back = getShortestPaths(nodeMachine, {
      events: automatic,
      serializeState: serialize,
      fromState: afterCrash,
      toState: (s) => stateOf(s) === "running",
    });
    assert.ok(back.length > 0);
    assert.deepEqual(
      back[0]?.steps.map((s) => stateOf(s.state)),
      ["backoff", "restarting", "restarting", "rejoining", "running"],
    );
  });
});
