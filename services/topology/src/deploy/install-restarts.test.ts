import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { HostInstallOutcome, NodeSpec } from "@zeekbus/contracts";
import { withInstallRestarts } from "./install-restarts.js";

const spec = (name: string, host: string): NodeSpec => ({
  name,
  type: name.startsWith("w") ? "worker" : "manager",
  host,
  zeek: "/opt/zeek/bin/zeek",
  argv: [],
  env: {},
  cwd: `/opt/zeek/spool/${name}`,
  pinCpus: [],
});
const installed = (host: string, ...swapped: string[]): HostInstallOutcome => ({
  host,
  outcome: "installed",
  swapped,
});
const SPECS = [spec("manager", "h1"), spec("w1", "h2"), spec("w2", "h2"), spec("w3", "h3")];
const SITE = "/opt/zeek/spool/installed-scripts-do-not-touch/site";
const AUTO = "/opt/zeek/spool/installed-scripts-do-not-touch/auto";

describe("withInstallRestarts", () => {
  it("restarts every node of a host whose site scripts were replaced, and only those", () => {
    const plan = withInstallRestarts({ stop: [], restart: [] }, SPECS, [
      installed("h1", AUTO),
      installed("h2", SITE, AUTO),
      { host: "h3", outcome: "unchanged", swapped: [] },
    ]);
    assert.deepEqual(
      plan.restart.map((c) => `${c.node}:${c.reason}`),
      ["w1:site policy scripts changed", "w2:site policy scripts changed"],
    );
  });

  it("keeps the plan's own restarts and does not list a node twice", () => {
    const own = { node: "w1", host: "h2", type: "worker" as const, reason: "changed: env", fields: ["env"] };
    const plan = withInstallRestarts({ stop: [], restart: [own] }, SPECS, [installed("h2", SITE)]);
    assert.deepEqual(
      plan.restart.map((c) => c.node),
      ["w1", "w2"],
    );
    assert.equal(plan.restart[0], own);
  });

  it("restarts the nodes of a host whose Zeek installation was mirrored (an upgrade)", () => {
    const plan = withInstallRestarts({ stop: [], restart: [] }, SPECS, [
      { host: "h1", outcome: "installed", swapped: ["/opt/zeek/bin"], zeek: "mirrored" },
      { host: "h3", outcome: "unchanged", swapped: [], zeek: "current" },
    ]);
    assert.deepEqual(
      plan.restart.map((c) => `${c.node}:${c.reason}`),
      ["manager:Zeek installation replaced"],
    );
  });
});
