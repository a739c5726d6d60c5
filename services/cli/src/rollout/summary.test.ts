import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DeployReply } from "@zeekbus/contracts";
import { deploySummary } from "./summary.js";

const reply = (install: DeployReply["install"]): DeployReply => ({
  deployId: "d1",
  outcome: "deployed",
  revision: 2,
  plan: { start: [], stop: [], restart: [], files: [], fanout: [] },
  check: [],
  install,
  bootstrap: [],
  nodes: [],
});

describe("deploySummary", () => {
  it("marks a host whose Zeek version could not be read", () => {
    const text = deploySummary(
      reply([
        { host: "h1", outcome: "installed", swapped: [], zeek: "current", zeekVersion: "8.2.0" },
        { host: "h2", outcome: "installed", swapped: [], zeek: "skipped", zeekVersionProblem: "no version" },
      ]),
    );
    const rows = text.split("\n");
    assert.match(rows.find((r) => r.startsWith("h1"))!, /^h1\s+current\s+-\s+installed/);
    assert.match(rows.find((r) => r.startsWith("h2"))!, /^h2\s+skipped \(version unknown\)\s+-\s+installed/);
    assert.equal(rows.at(-2), "Deployed revision 2.");
  });
});
