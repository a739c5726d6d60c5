import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { jetstream } from "@nats-io/jetstream";
import { errorFromReply } from "@zeekbus/bus";
import {
  ConflictError,
  EVENTS_STREAM,
  NotFoundError,
  TopologyApply,
  ValidationError,
} from "@zeekbus/contracts";
import { eventually } from "@zeekbus/test-harness";
import { BAD_NODE_CFG, nodeCfg, serviceFixture, zeekctlSource } from "../testing/fixtures.js";

describe("topology apply and get", () => {
  const svc = serviceFixture();
  let seed = "";

  it("get before the first apply is NotFound", async () => {
    await assert.rejects(svc.get(), NotFoundError);
  });

  it("an invalid config is a ValidationError listing file:line problems, and nothing is stored", async () => {
    await assert.rejects(svc.apply(zeekctlSource(BAD_NODE_CFG), 0), (err: ValidationError) => {
      assert.ok(err instanceof ValidationError);
      assert.deepEqual(err.details, [
        "node.cfg:3: unknown node type 'bogus' given for node 'manager'",
        "node.cfg:5: no host given for node 'worker-1'",
      ]);
      return true;
    });
    await assert.rejects(svc.get(), NotFoundError);
  });

  it("apply stores a revision that get returns", async () => {
    const source = zeekctlSource();
    const reply = await svc.apply(source, 0);
    assert.ok(reply.revision >= 1);
    assert.equal(reply.plan.baseRevision, 0);
    assert.equal(reply.plan.start.length, 6);
    const state = await svc.get();
    assert.equal(state.revision, reply.revision);
    assert.deepEqual(state.source, source);
    assert.equal(state.nodes.length, 6);
    assert.match(state.hashSeed, /^[0-9a-f]{8}$/);
    assert.deepEqual(state.addresses, { "sensor-m": "10.0.0.10", "sensor-a": "10.0.0.11" });
    assert.deepEqual(state.fanout, [{ host: "sensor-a", interface: "eth0", id: 23 }]);
    seed = state.hashSeed;
  });

  it("a stale base revision is a Conflict and changes nothing", async () => {
    const before = await svc.get();
    await assert.rejects(svc.apply(zeekctlSource(nodeCfg("MYVAR=2")), 0), ConflictError);
    assert.equal((await svc.get()).revision, before.revision);
  });

  it("of two concurrent applies on one base exactly one wins", async () => {
    const base = (await svc.get()).revision;
    const results = await Promise.allSettled([
      svc.apply(zeekctlSource(nodeCfg("MYVAR=3")), base),
      svc.apply(zeekctlSource(nodeCfg("MYVAR=4")), base),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    assert.equal(won.length, 1);
    assert.equal(lost.length, 1);
    assert.ok((lost[0] as PromiseRejectedResult).reason instanceof ConflictError);
    const state = await svc.get();
    assert.equal(state.revision, (won[0] as PromiseFulfilledResult<{ revision: number }>).value.revision);
  });

  it("keeps the hash seed and fanout ids across revisions", async () => {
    const state = await svc.get();
    const next = await svc.apply(zeekctlSource(nodeCfg("MYVAR=5")), state.revision);
    const after = await svc.get();
    assert.equal(after.revision, next.revision);
    assert.equal(after.hashSeed, seed);
    assert.deepEqual(after.fanout, state.fanout);
    assert.deepEqual(after.curveKeys, state.curveKeys);
  });

  it("a malformed apply request is a ValidationError and the service keeps serving", async () => {
    const bad = {
      type: TopologyApply.type,
      id: "bad-apply",
      ts: new Date().toISOString(),
      cluster: svc.cluster,
      data: { source: zeekctlSource(), baseRevision: -1 },
    };
    const msg = await svc.bus.nc.request(svc.subject("apply"), JSON.stringify(bad), { timeout: 2000 });
    const err = errorFromReply(msg);
    assert.ok(err instanceof ValidationError);
    assert.ok(err.details.some((d) => d.startsWith("data.baseRevision:")));
    assert.ok((await svc.get()).revision > 0);
  });

  it("publishes topology.applied on the events stream", async () => {
    const state = await svc.get();
    const js = jetstream(svc.bus.nc);
    const subject = svc.bus.subjects.evt(svc.cluster, "topology", "applied", String(state.revision));
    const msg = await eventually(
      () => js.jetstreamManager().then((m) => m.streams.getMessage(EVENTS_STREAM, { last_by_subj: subject })),
      {
        what: "topology.applied event",
      },
    );
    const event = msg.json<{ type: string; cluster: string; data: { revision: number } }>();
    assert.equal(event.type, "zeekbus.evt.v1.topology.applied");
    assert.equal(event.cluster, svc.cluster);
    assert.equal(event.data.revision, state.revision);
  });
});
