import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AgentStop, AgentUnquarantine, NodeStatus } from "./agent.js";
import { jsonSchemas } from "./export-schemas.js";
import { MAX_HOST_NAME, MAX_NODE_NAME, MAX_STOP_TIMEOUT_MS, MAX_TIMER_MS } from "./limits.js";
import { FanoutSpec, NodeSpec, type NodeSpecInput } from "./node-spec.js";
import { HostTarget } from "./provisioner.js";
import { RenderedFile } from "./topology-render.js";

type Schema = { [key: string]: unknown };

/** Every place in a JSON Schema where a number or string value is described, with its path. */
function leaves(schema: unknown, path: string, out: [string, Schema][]): void {
  if (Array.isArray(schema)) {
    for (const [i, s] of schema.entries()) leaves(s, `${path}[${i}]`, out);
    return;
  }
  if (schema === null || typeof schema !== "object") return;
  const s = schema as Schema;
  if (s.type === "string" || s.type === "number" || s.type === "integer") out.push([path, s]);
  for (const [key, value] of Object.entries(s)) {
    if (key !== "const" && key !== "enum" && key !== "default") leaves(value, `${path}.${key}`, out);
  }
}

const spec: NodeSpecInput = {
  name: "worker-1-1",
  type: "worker",
  host: "sensor-2",
  zeek: "/opt/zeek/bin/zeek",
  argv: [],
  env: {},
  cwd: "/opt/zeek/spool/worker-1-1",
};

describe("bounds of the wire", () => {
  it("every number and string of every message and payload has a bound", () => {
    const unbounded: string[] = [];
    for (const [file, text] of jsonSchemas()) {
      const found: [string, Schema][] = [];
      leaves(JSON.parse(text), file, found);
      for (const [path, s] of found) {
        if (s.enum !== undefined || s.const !== undefined) continue;
        const bounded =
          s.type === "string"
            ? typeof s.maxLength === "number"
            : typeof s.maximum === "number" && typeof s.minimum === "number";
        if (!bounded) unbounded.push(path);
      }
    }
    assert.deepEqual(unbounded, []);
  });

  it("a stop timeout past one hour (or Node's timer limit) is refused; an hour is accepted", () => {
    for (const timeoutMs of [3e9, MAX_TIMER_MS + 1, MAX_STOP_TIMEOUT_MS + 1, 0, 1.5]) {
      assert.equal(AgentStop.data.safeParse({ timeoutMs }).success, false, String(timeoutMs));
    }
    assert.equal(AgentStop.data.safeParse({ timeoutMs: MAX_STOP_TIMEOUT_MS }).success, true);
  });

  it("node names stop at 100 characters, host names at 253, interface names at 15", () => {
    const name = (n: number) => "w".repeat(n);
    assert.equal(AgentUnquarantine.data.safeParse({ node: name(300) }).success, false);
    assert.equal(AgentUnquarantine.data.safeParse({ node: name(MAX_NODE_NAME + 1) }).success, false);
    assert.equal(AgentUnquarantine.data.safeParse({ node: name(MAX_NODE_NAME) }).success, true);
    assert.equal(HostTarget.safeParse({ host: name(MAX_HOST_NAME) }).success, true);
    assert.equal(HostTarget.safeParse({ host: name(MAX_HOST_NAME + 1) }).success, false);
    const fanout = { id: 23, mode: "AF_Packet::FANOUT_HASH" };
    assert.equal(FanoutSpec.safeParse({ ...fanout, interface: "enp94s0f1np1v2" }).success, true);
    assert.equal(FanoutSpec.safeParse({ ...fanout, interface: "enp94s0f1np1v23" }).success, true);
    assert.equal(FanoutSpec.safeParse({ ...fanout, interface: "enp94s0f1np1v234" }).success, false);
  });

  it("pids, CPU ids and counts stay within what Linux has", () => {
    assert.equal(NodeSpec.safeParse({ ...spec, pinCpus: [8191] }).success, true);
    assert.equal(NodeSpec.safeParse({ ...spec, pinCpus: [8192] }).success, false);
    const status = { name: "w", type: "worker", state: "running", restarts: 0, crashes: 0 };
    assert.equal(NodeStatus.safeParse({ ...status, pid: 4_194_304 }).success, true);
    assert.equal(NodeStatus.safeParse({ ...status, pid: 4_194_305 }).success, false);
    assert.equal(NodeStatus.safeParse({ ...status, restarts: 2 ** 60 }).success, false);
  });

  it("a rendered file path is relative and never climbs out", () => {
    for (const path of ["/etc/cron.d/x", "../x", "a/../../b", "..", ".", ".profile", "a//b", "a/", "a\\b"]) {
      assert.equal(RenderedFile.safeParse({ path, content: "" }).success, false, path);
    }
    for (const path of ["cluster-layout.zeek", "zeekctl-config.zeek", "sub/dir/file.zeek", "a..b"]) {
      assert.equal(RenderedFile.safeParse({ path, content: "" }).success, true, path);
    }
  });
});
