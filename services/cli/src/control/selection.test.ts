import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { NodeSpec } from "@zeekbus/contracts";
import { groupWord, roleGroups, selectNodes } from "./selection.js";

const spec = (name: string, type: NodeSpec["type"], host = "h1"): NodeSpec => ({
  name,
  type,
  host,
  zeek: "/opt/zeek/bin/zeek",
  argv: [],
  env: {},
  cwd: `/opt/zeek/spool/${name}`,
  pinCpus: [],
});
const specs = [
  spec("worker-1-1", "worker", "h2"),
  spec("manager", "manager"),
  spec("proxy-1", "proxy"),
  spec("logger-1", "logger"),
  spec("worker-1-2", "worker", "h3"),
];

describe("node arguments", () => {
  it("selects everything in role order by default", () => {
    assert.deepEqual(
      selectNodes(specs, []).map((s) => s.name),
      ["logger-1", "manager", "proxy-1", "worker-1-1", "worker-1-2"],
    );
  });
  it("takes groups and names, without duplicates", () => {
    assert.deepEqual(
      selectNodes(specs, ["workers", "worker-1-2", "manager"]).map((s) => s.name),
      ["manager", "worker-1-1", "worker-1-2"],
    );
  });
  it("rejects an unknown node with zeekctl's message", () => {
    assert.throws(() => selectNodes(specs, ["worker-1"]), /unknown node 'worker-1'/);
  });
  it("names groups as zeekctl does", () => {
    const groups = roleGroups(selectNodes(specs, []));
    assert.deepEqual(groups.map(groupWord), ["logger", "manager", "proxy", "workers"]);
    assert.equal(groupWord([spec("zeek", "standalone")]), "zeek");
  });
});
