import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AgentStatus, AgentStop, AgentUnquarantine, NodeStatus } from "./agent.js";
import { jsonSchemas } from "./export-schemas.js";
import {
  MAX_ARGV,
  MAX_CLUSTER_HOSTS,
  MAX_CLUSTER_NODES,
  MAX_ENV,
  MAX_HOST_NAME,
  MAX_NODE_NAME,
  MAX_STOP_TIMEOUT_MS,
  MAX_TIMER_MS,
} from "./limits.js";
import { FanoutSpec, NodeSpec, type NodeSpecInput } from "./node-spec.js";
import { HostTarget, ProvisionerFacts } from "./provisioner.js";
import { RenderedFile } from "./topology-render.js";

type Schema = { [key: string]: unknown };

/** Every place in a JSON Schema where a number, string, array or map value is described, with its path. */
function leaves(schema: unknown, path: string, out: [string, Schema][]): void {
  if (Array.isArray(schema)) {
    for (const [i, s] of schema.entries()) leaves(s, `${path}[${i}]`, out);
    return;
  }
  if (schema === null || typeof schema !== "object") return;
  const s = schema as Schema;
  if (["string", "number", "integer", "array", "object"].includes(s.type as string)) out.push([path, s]);
  for (const [key, value] of Object.entries(s)) {
    if (key !== "const" && key !== "enum" && key !== "default") leaves(value, `${path}.${key}`, out);
  }
}

/** True when the schema names an upper (and for numbers a lower) bound of its value's size. */
function isBounded(s: Schema): boolean {
  switch (s.type) {
    case "string":
      return typeof s.maxLength === "number";
    case "array":
      return typeof s.maxItems === "number";
    case "object":
      // A map (`z.record`: property names or additional properties of a schema) needs
      // maxProperties; an object of named properties only is bounded by its shape.
      return (
        typeof s.maxProperties === "number" ||
        (s.propertyNames === undefined &&
          (s.additionalProperties === undefined || s.additionalProperties === false))
      );
    default:
      return typeof s.maximum === "number" && typeof s.minimum === "number";
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
  it("every number, string, array and map of every message and payload has a bound", () => {
    const unbounded: string[] = [];
    for (const [file, text] of jsonSchemas()) {
      const found: [string, Schema][] = [];
      leaves(JSON.parse(text), file, found);
      for (const [path, s] of found) {
        if (s.enum !== undefined || s.const !== undefined) continue;
        if (!isBounded(s)) unbounded.push(path);
      }
    }
    assert.deepEqual(unbounded, []);
  });

  it("node lists stop at a cluster's nodes, host lists at its hosts, argv and env at 1,000", () => {
    const names = (n: number) => Array.from({ length: n }, (_, i) => `w-${i}`);
    assert.equal(AgentStatus.data.safeParse({ nodes: names(MAX_CLUSTER_NODES) }).success, true);
    assert.equal(AgentStatus.data.safeParse({ nodes: names(MAX_CLUSTER_NODES + 1) }).success, false);
    assert.equal(AgentStop.data.safeParse({ nodes: names(MAX_CLUSTER_NODES + 1) }).success, false);
    const hosts = (n: number) => names(n).map((host) => ({ host }));
    assert.equal(ProvisionerFacts.data.safeParse({ hosts: hosts(MAX_CLUSTER_HOSTS) }).success, true);
    assert.equal(ProvisionerFacts.data.safeParse({ hosts: hosts(MAX_CLUSTER_HOSTS + 1) }).success, false);
    assert.equal(NodeSpec.safeParse({ ...spec, argv: names(MAX_ARGV) }).success, true);
    assert.equal(NodeSpec.safeParse({ ...spec, argv: names(MAX_ARGV + 1) }).success, false);
    const env = (n: number) => Object.fromEntries(names(n).map((k) => [k, "1"]));
    assert.equal(NodeSpec.safeParse({ ...spec, env: env(MAX_ENV) }).success, true);
    const tooMany = NodeSpec.safeParse({ ...spec, env: env(MAX_ENV + 1) });
    assert.equal(tooMany.success, false);
    assert.deepEqual(
      tooMany.error?.issues.map((i) => [i.path.join("."), i.message]),
      [["env", `must have at most ${MAX_ENV} keys`]],
    );
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
