import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HASH_SPACE, movedHashes, slotsAfter } from "./fanout-share.js";
import { plan } from "./plan.js";
import { baseZeekctlCfg, configOf, etc, topologyOf } from "./testing/fixtures.js";

const cluster = etc("node.cfg__cluster");
const build = (nodeCfg: string) => topologyOf(configOf(baseZeekctlCfg(), nodeCfg));
const AF = (procs: number) =>
  `[manager]\ntype=manager\nhost=localhost\n\n[proxy-1]\ntype=proxy\nhost=localhost\n\n[worker-1]\ntype=worker\nhost=localhost\ninterface=eth0\nlb_method=af_packet\nlb_procs=${procs}\n`;

describe("plan", () => {
  it("nothing changes: every node unchanged", () => {
    const p = plan(build(cluster), build(cluster));
    assert.deepEqual([p.start, p.stop, p.restart, p.files, p.fanout], [[], [], [], [], []]);
    assert.equal(p.unchanged.length, 4);
  });

  it("from nothing: every node starts, loggers → manager → proxies → workers", () => {
    const p = plan(undefined, build(etc("node.cfg__logger")));
    assert.deepEqual(
      p.start.map((c) => c.node),
      ["logger", "manager", "proxy-1", "worker-1", "worker-2"],
    );
  });

  it("changing one worker's env_vars plans exactly one restart", () => {
    const next = build(cluster.replace("interface=eth1", "interface=eth1\nenv_vars=FOO=bar"));
    const p = plan(build(cluster), next);
    assert.deepEqual(p.restart, [
      { node: "worker-2", host: "localhost", type: "worker", reason: "changed: env", fields: ["env"] },
    ]);
    assert.deepEqual([p.start, p.stop, p.files, p.fanout], [[], [], [], []]);
  });

  it("adding a worker to an af_packet group reports the fanout change and its moved share", () => {
    const p = plan(build(AF(2)), build(AF(3)));
    assert.deepEqual(
      p.start.map((c) => c.node),
      ["worker-1-3"],
    );
    assert.deepEqual(p.restart, []);
    assert.deepEqual(p.files, [{ file: "cluster-layout.zeek", change: "changed" }]);
    assert.equal(p.fanout.length, 1);
    const f = p.fanout[0]!;
    assert.deepEqual(
      [f.before, f.after, f.joined, f.left],
      [["worker-1-1", "worker-1-2"], ["worker-1-1", "worker-1-2", "worker-1-3"], ["worker-1-3"], []],
    );
    assert.equal(f.movedHashes, 2147483647);
    assert.ok(Math.abs(f.movedShare - 0.5) < 1e-9);
  });

  it("restarting an af_packet member: it leaves (the last member takes its slot) and rejoins last", () => {
    const next = build(AF(3).replace("lb_procs=3", "lb_procs=3\nenv_vars=X=1"));
    const p = plan(build(AF(3)), next);
    assert.equal(p.restart.length, 3);
    const f = p.fanout[0]!;
    assert.deepEqual(f.left, ["worker-1-1", "worker-1-2", "worker-1-3"]);
    assert.deepEqual(f.after, ["worker-1-1", "worker-1-2", "worker-1-3"]);
    assert.equal(f.movedShare, 0);
    const two = `${AF(2)}\n[worker-2]\ntype=worker\nhost=localhost\ninterface=eth0\nlb_method=af_packet\nlb_procs=1\n`;
    const moved = plan(build(two), build(two.replace("lb_procs=2", "lb_procs=2\nenv_vars=X=1")));
    assert.deepEqual(
      moved.restart.map((r) => r.node),
      ["worker-1-1", "worker-1-2"],
    );
    assert.deepEqual(moved.fanout[0]?.after, ["worker-2-1", "worker-1-1", "worker-1-2"]);
    assert.equal(moved.fanout[0]?.movedShare, 1);
  });

  it("removing a worker: stop listed workers first, fanout share from the kernel's swap", () => {
    const p = plan(build(AF(3)), build(AF(2)));
    assert.deepEqual(
      p.stop.map((c) => c.node),
      ["worker-1-3"],
    );
    assert.deepEqual(p.fanout[0]?.after, ["worker-1-1", "worker-1-2"]);
    assert.equal(p.fanout[0]?.movedHashes, 2147483647);
  });
});

describe("kernel range-split fanout model", () => {
  it("a leaving member is replaced by the last member; a joiner is appended", () => {
    assert.deepEqual(slotsAfter(["w1", "w2", "w3"], ["w1"], []), ["w3", "w2"]);
    assert.deepEqual(slotsAfter(["w3", "w2"], [], ["w4"]), ["w3", "w2", "w4"]);
  });
  it("the last member leaving and rejoining restores every flow", () => {
    const down = slotsAfter(["w1", "w2", "w3"], ["w3"], []);
    assert.deepEqual(slotsAfter(down, [], ["w4"]).length, 3);
    assert.equal(movedHashes(["w1", "w2", "w3"], ["w1", "w2", "w3"]), 0);
  });
  it("a middle member leaving moves more flows than the last one leaving", () => {
    const last = movedHashes(["w1", "w2", "w3"], slotsAfter(["w1", "w2", "w3"], ["w3"], []));
    const first = movedHashes(["w1", "w2", "w3"], slotsAfter(["w1", "w2", "w3"], ["w1"], []));
    assert.ok(first > last);
    assert.equal(last, 2147483647);
    assert.equal(first, 3579139413);
    assert.equal(movedHashes(["w1"], []), HASH_SPACE);
  });
});
