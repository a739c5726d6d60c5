import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { nodeCfg, serviceFixture, zeekctlSource } from "../testing/fixtures.js";

describe("topology plan", () => {
  const svc = serviceFixture();

  it("against nothing stored starts every node", async () => {
    const plan = await svc.plan(zeekctlSource());
    assert.equal(plan.baseRevision, 0);
    assert.deepEqual(
      plan.start.map((s) => s.node),
      ["logger", "manager", "proxy-1", "worker-1-1", "worker-1-2", "worker-3"],
    );
    assert.deepEqual(plan.restart, []);
  });

  it("changing one worker's env_vars plans exactly one restart", async () => {
    const applied = await svc.apply(zeekctlSource(), 0);
    const plan = await svc.plan(zeekctlSource(nodeCfg("MYVAR=changed")));
    assert.equal(plan.baseRevision, applied.revision);
    assert.deepEqual(plan.start, []);
    assert.deepEqual(plan.stop, []);
    assert.deepEqual(plan.restart, [{ node: "worker-3", host: "sensor-a", reason: "changed: env" }]);
    assert.deepEqual(plan.fanout, []);
  });

  it("adding a worker to the af_packet group reports the fanout change and its moved share", async () => {
    const plan = await svc.plan(zeekctlSource(nodeCfg().replace("lb_procs=2", "lb_procs=3")));
    assert.deepEqual(
      plan.start.map((s) => s.node),
      ["worker-1-3"],
    );
    const [change] = plan.fanout;
    assert.equal(plan.fanout.length, 1);
    assert.deepEqual(change?.before, ["worker-1-1", "worker-1-2"]);
    assert.deepEqual(change?.after, ["worker-1-1", "worker-1-2", "worker-1-3"]);
    assert.ok(change && change.movedShare > 0 && change.movedShare < 1);
    assert.ok(plan.files.includes("sensor-a:cluster-layout.zeek"));
  });
});
