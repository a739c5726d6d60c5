import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "./errors.js";
import { Subjects, subjectCluster } from "./subjects.js";
import { decodeName, encodeName, unsafeNameReason } from "./tokens.js";

const s = new Subjects();

describe("subjects", () => {
  it("builds each plane", () => {
    assert.equal(s.api("prod", "topology", "plan"), "zeekbus.api.prod.topology.plan");
    assert.equal(s.agent("prod", "sensor-2", "start"), "zeekbus.agent.prod.sensor-2.start");
    assert.equal(s.evt("prod", "node", "crashed", "worker-1-3"), "zeekbus.evt.prod.node.crashed.worker-1-3");
    assert.equal(s.hb("prod", "sensor-2"), "zeekbus.hb.prod.sensor-2");
    assert.equal(s.evtFilter("prod", "node"), "zeekbus.evt.prod.node.*.*");
    assert.equal(s.evtFilter("prod"), "zeekbus.evt.prod.>");
    assert.equal(new Subjects("zb2").hb("c", "h"), "zb2.hb.c.h");
  });

  it("reads the cluster token of an api or agent subject, whatever the root", () => {
    assert.equal(subjectCluster(s.api("prod", "topology", "plan")), "prod");
    assert.equal(subjectCluster(s.agent("prod", "relay.east", "stop")), "prod");
    assert.equal(subjectCluster("zb2.agent.lab.h.status"), "lab");
    assert.equal(subjectCluster(s.hb("prod", "sensor-2")), undefined);
    assert.equal(subjectCluster("zeekbus.api"), undefined);
  });

  for (const bad of ["a.b", "*", ">", "a b", "", "a\tb", "x;y", "$(x)", "a/b"]) {
    it(`rejects cluster token ${JSON.stringify(bad)}`, () => {
      assert.throws(() => s.api(bad, "topology", "get"), ValidationError);
      assert.throws(() => s.hbFilter(bad), ValidationError);
    });
  }

  for (const bad of ["*", ">", "a b", "", "x;y", "$(x)", "a/b", "'q'", "a`b`"]) {
    it(`rejects host/node name ${JSON.stringify(bad)}`, () => {
      assert.throws(() => s.agent("prod", bad, "start"), ValidationError);
      assert.throws(() => s.evt("prod", "node", "crashed", bad), ValidationError);
    });
  }

  it("rejects a bad verb, resource and root", () => {
    assert.throws(() => s.agent("prod", "h1", "st.art"), ValidationError);
    assert.throws(() => s.evt("prod", "no>de", "crashed", "w"), ValidationError);
    assert.throws(() => new Subjects("zee.kbus"), ValidationError);
  });
});

describe("name encoding", () => {
  it("keeps plain names and encodes dotted ones into one token", () => {
    assert.equal(encodeName("worker-1-2"), "worker-1-2");
    assert.equal(encodeName("relay.east"), "relay_2Eeast");
    assert.equal(encodeName("10.0.0.5"), "10_2E0_2E0_2E5");
    assert.equal(s.agent("prod", "relay.east", "status"), "zeekbus.agent.prod.relay_2Eeast.status");
  });

  it("is reversible and collision-free", () => {
    const names = ["relay.east", "relay_2Eeast", "a_b", "a.b", "::1", "w-1", "x_5F"];
    const tokens = names.map(encodeName);
    assert.equal(new Set(tokens).size, names.length);
    for (const [i, t] of tokens.entries()) assert.equal(decodeName(t), names[i]);
  });

  it("explains unsafe names", () => {
    assert.match(unsafeNameReason("a;b") ?? "", /";"/);
    assert.match(unsafeNameReason("") ?? "", /empty/);
    assert.match(unsafeNameReason("-x") ?? "", /start/);
    assert.equal(unsafeNameReason("worker-1"), undefined);
  });
});
