import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { NodeState } from "@zeekbus/contracts";
import { plan } from "../plan.js";
import { baseZeekctlCfg, configOf, topologyOf } from "../testing/fixtures.js";
import type { Topology } from "../types.js";
import { planRollout, type RolloutCommand, type RolloutPhase } from "./rollout.js";

const CFG = (workerEnv = "", extra = "") =>
  [
    "[logger]\ntype=logger\nhost=h1",
    "[manager]\ntype=manager\nhost=h1",
    "[proxy-1]\ntype=proxy\nhost=h1",
    `[worker-1]\ntype=worker\nhost=h2\ninterface=eth0\nlb_method=af_packet\nlb_procs=2${workerEnv}`,
    `[worker-2]\ntype=worker\nhost=h3\ninterface=eth0\nlb_method=af_packet\nlb_procs=2${workerEnv}`,
    extra,
  ].join("\n\n");
const KEY = (c: string) => c.repeat(40);
const ADDR = {
  addresses: { h1: "10.0.0.1", h2: "10.0.0.2", h3: "10.0.0.3", h4: "10.0.0.4" },
  curveKeys: {
    serverPublic: KEY("a"),
    serverSecret: KEY("b"),
    clientPublic: KEY("c"),
    clientSecret: KEY("d"),
  },
};
const build = (nodeCfg: string) => topologyOf(configOf(baseZeekctlCfg(), nodeCfg), ADDR);

/** Every node of `t` in `state`. */
function observedAll(t: Topology, state: NodeState): Map<string, Map<string, NodeState>> {
  const out = new Map<string, Map<string, NodeState>>();
  for (const s of t.specs) out.set(s.host, (out.get(s.host) ?? new Map()).set(s.name, state));
  return out;
}

/** `verb host:a,b` per command, batches as arrays, phases as `tier` → batches. */
function shape(phases: RolloutPhase[]): [string, string[][]][] {
  const cmd = (c: RolloutCommand) =>
    `${c.verb} ${c.host}:${(c.verb === "stop" ? c.nodes : c.specs.map((s) => s.name)).join(",")}`;
  return phases.map((p) => [p.tier, p.batches.map((b) => b.map(cmd))]);
}

const rollout = (prev: Topology | undefined, next: Topology, observed = new Map()) =>
  planRollout({ cluster: "c1", revision: 2, specs: next.specs, plan: plan(prev, next), observed });

describe("planRollout", () => {
  it("first deploy: every tier starts in order, one command per host", () => {
    assert.deepEqual(shape(rollout(undefined, build(CFG()))), [
      ["logger", [["start h1:logger"]]],
      ["manager", [["start h1:manager"]]],
      ["proxy", [["start h1:proxy-1"]]],
      ["worker", [["start h2:worker-1-1,worker-1-2", "start h3:worker-2-1,worker-2-2"]]],
    ]);
  });

  it("no change and everything running: nothing to do", () => {
    const t = build(CFG());
    assert.deepEqual(rollout(t, t, observedAll(t, "running")), []);
  });

  it("no change, one worker stopped and one quarantined: only those two start", () => {
    const t = build(CFG());
    const observed = observedAll(t, "running");
    observed.get("h2")?.set("worker-1-2", "stopped");
    observed.get("h3")?.set("worker-2-1", "quarantined");
    assert.deepEqual(shape(rollout(t, t, observed)), [
      ["worker", [["start h2:worker-1-2", "start h3:worker-2-1"]]],
    ]);
  });

  it("a node recovering from a crash (backoff) is left to its supervisor", () => {
    const t = build(CFG());
    const observed = observedAll(t, "running");
    observed.get("h1")?.set("manager", "backoff");
    assert.deepEqual(rollout(t, t, observed), []);
  });

  it("one worker entry's env_vars changed: exactly its processes restart, one at a time, waiting for rejoin", () => {
    const prev = build(CFG());
    const next = build(CFG().replace("lb_procs=2\n\n[worker-2]", "lb_procs=2\nenv_vars=A=1\n\n[worker-2]"));
    const phases = rollout(prev, next, observedAll(prev, "running"));
    assert.deepEqual(shape(phases), [["worker", [["restart h2:worker-1-1"], ["restart h2:worker-1-2"]]]]);
    const cmd = phases[0]?.batches[0]?.[0];
    assert.equal(cmd?.verb === "restart" && cmd.waitRejoin, true);
    assert.equal(cmd?.verb === "restart" && cmd.specs[0]?.env.A, "1");
  });

  it("all workers changed: one worker per (host, interface) at a time, groups in parallel", () => {
    const prev = build(CFG());
    const next = build(CFG("\nenv_vars=A=1"));
    assert.deepEqual(shape(rollout(prev, next, observedAll(prev, "running"))), [
      [
        "worker",
        [
          ["restart h2:worker-1-1", "restart h3:worker-2-1"],
          ["restart h2:worker-1-2", "restart h3:worker-2-2"],
        ],
      ],
    ]);
  });

  it("a changed node that is not running is started with its new spec, not restarted", () => {
    const prev = build(CFG());
    const next = build(CFG("\nenv_vars=A=1"));
    const observed = observedAll(prev, "running");
    observed.get("h3")?.set("worker-2-2", "failed");
    const [phase] = rollout(prev, next, observed);
    assert.deepEqual(shape([phase!])[0]?.[1][0], ["start h3:worker-2-2"]);
  });

  it("removed and moved nodes stop first, workers before proxies; shifted ports restart", () => {
    const prev = build(CFG("", "[proxy-2]\ntype=proxy\nhost=h1"));
    const next = build(CFG().replace("[worker-2]\ntype=worker\nhost=h3", "[worker-2]\ntype=worker\nhost=h4"));
    const observed = observedAll(prev, "running");
    assert.deepEqual(shape(rollout(prev, next, observed)), [
      ["stop", [["stop h3:worker-2-1,worker-2-2"], ["stop h1:proxy-2"]]],
      ["worker", [["start h4:worker-2-1,worker-2-2"], ["restart h2:worker-1-1"], ["restart h2:worker-1-2"]]],
    ]);
  });

  it("a removed node its agent no longer runs is not stopped", () => {
    const prev = build(CFG("", "[worker-3]\ntype=worker\nhost=h3\ninterface=eth1"));
    const next = build(CFG());
    const observed = observedAll(prev, "running");
    observed.get("h3")?.set("worker-3", "stopped");
    assert.deepEqual(rollout(prev, next, observed), []);
    observed.get("h3")?.set("worker-3", "running");
    assert.deepEqual(shape(rollout(prev, next, observed)), [["stop", [["stop h3:worker-3"]]]]);
  });

  it("command ids are deterministic: the same inputs give the same ids", () => {
    const t = build(CFG());
    const ids = (p: RolloutPhase[]) => p.flatMap((x) => x.batches.flat().map((c) => c.id));
    assert.deepEqual(ids(rollout(undefined, t)), ids(rollout(undefined, t)));
    assert.equal(ids(rollout(undefined, t))[0], "c1.2.start.h1.logger");
  });
});
