import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AgentStart, AgentStop, CommandReply } from "./agent.js";
import { envelope } from "./envelope.js";
import { ERROR_CODES, errorFromCode, ValidationError } from "./errors.js";
import { NodeEvents } from "./events.js";
import { jsonSchemas } from "./export-schemas.js";
import { Heartbeat } from "./heartbeat.js";
import { NodeSpec, type NodeSpecInput } from "./node-spec.js";
import { MESSAGES } from "./registry.js";
import { TopologyApply } from "./topology.js";

const spec: NodeSpecInput = {
  name: "worker-1-1",
  type: "worker",
  host: "sensor-2",
  interface: "af_packet::eth1",
  zeek: "/opt/zeek/bin/zeek",
  argv: ["-i", "af_packet::eth1", "-U", ".status", "local.zeek"],
  env: { CLUSTER_NODE: "worker-1-1" },
  cwd: "/opt/zeek/spool/worker-1-1",
  pinCpus: [1],
  fanout: { id: 23, mode: "AF_Packet::FANOUT_HASH", interface: "eth1" },
};

function roundTrip<T>(value: T, parse: (v: unknown) => unknown): unknown {
  return parse(JSON.parse(JSON.stringify(value)));
}

describe("messages", () => {
  it("round-trips an agent start through JSON", () => {
    const msg = envelope(AgentStart, "prod", { specs: [spec] }, "cmd-1");
    assert.equal(msg.type, "zeekbus.agent.v1.start");
    assert.deepEqual(
      roundTrip(msg, (v) => AgentStart.envelope.parse(v)),
      msg,
    );
  });

  it("round-trips events, heartbeats and apply", () => {
    const ev = envelope(NodeEvents.crashed, "prod", {
      node: "worker-1-1",
      host: "sensor-2",
      type: "worker",
      state: "crashed",
      previous: "running",
      exitCode: 139,
      signal: "SIGSEGV",
    });
    assert.equal(ev.type, "zeekbus.evt.v1.node.crashed");
    assert.deepEqual(
      roundTrip(ev, (v) => NodeEvents.crashed.envelope.parse(v)),
      ev,
    );
    const hb = envelope(Heartbeat, "prod", { host: "h1", agentVersion: "0.1.0", uptimeS: 3, nodes: [] });
    assert.deepEqual(
      roundTrip(hb, (v) => Heartbeat.envelope.parse(v)),
      hb,
    );
    const apply = envelope(TopologyApply, "prod", {
      source: { format: "zeekctl", files: { "node.cfg": "[zeek]\ntype=standalone\n" } },
      baseRevision: 0,
    });
    assert.deepEqual(
      roundTrip(apply, (v) => TopologyApply.envelope.parse(v)),
      apply,
    );
  });

  it("rejects wrong types, unknown fields and a wrong message type", () => {
    assert.equal(NodeSpec.safeParse({ ...spec, argv: "x" }).success, false);
    assert.equal(NodeSpec.safeParse({ ...spec, extra: 1 }).success, false);
    assert.equal(NodeSpec.safeParse({ ...spec, zeek: "zeek" }).success, false);
    assert.equal(NodeSpec.safeParse({ ...spec, name: "w;rm -rf /" }).success, false);
    assert.equal(NodeSpec.safeParse({ ...spec, type: "sensor" }).success, false);
    assert.equal(AgentStop.data.safeParse({ nodes: ["a b"] }).success, false);
    assert.equal(AgentStop.data.safeParse({ nodes: [], timeoutMs: -1 }).success, false);
    assert.equal(CommandReply.safeParse({ results: [{ node: "w", outcome: 3 }] }).success, false);
    const msg = envelope(AgentStop, "prod", {});
    assert.equal(AgentStart.envelope.safeParse(msg).success, false);
    assert.equal(AgentStop.envelope.safeParse({ ...msg, cluster: "a.b" }).success, false);
    assert.equal(AgentStop.envelope.safeParse({ ...msg, ts: "yesterday" }).success, false);
  });

  it("every message has a unique well-formed type and a JSON Schema", () => {
    const types = MESSAGES.map((m) => m.type);
    assert.equal(new Set(types).size, types.length);
    const schemas = jsonSchemas();
    for (const t of types) assert.ok(schemas.has(`${t}.json`), t);
    assert.ok(JSON.parse(schemas.get("payload.NodeSpec.json") ?? "{}").properties.argv);
  });

  it("maps every error code back to its class", () => {
    for (const code of ERROR_CODES) assert.equal(errorFromCode(code, "m").code, code);
    assert.equal(errorFromCode("Bogus", "m").code, "Internal");
    const v = new ValidationError("bad", ["a: b"]);
    assert.equal(v.retryable, false);
    assert.equal(errorFromCode("Timeout", "t").retryable, true);
  });
});
