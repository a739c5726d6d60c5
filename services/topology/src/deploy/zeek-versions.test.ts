import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { HostInstallOutcome, NodeSpec } from "@zeekbus/contracts";
import { foundVersions, unknownVersionLines, withMirrorFacts } from "./zeek-versions.js";

const problem = 'running "zeek -v" failed with no output';
const mirrored: HostInstallOutcome[] = [
  { host: "h1", outcome: "unchanged", swapped: [], zeek: "current", zeekVersion: "8.0.2" },
  { host: "h2", outcome: "unchanged", swapped: [], zeek: "skipped", zeekVersionProblem: problem },
];
const spec = (host: string, zeekVersion: string) => ({ name: `n-${host}`, host, zeekVersion }) as NodeSpec;

describe("the Zeek versions a deploy found", () => {
  it("renders for the versions that were read and names each host whose version was not", () => {
    assert.deepEqual(foundVersions(mirrored), { h1: "8.0.2" });
    assert.deepEqual(unknownVersionLines(mirrored, [spec("h1", "8.0.2"), spec("h2", "8.2.0")]), [
      { host: "h2", message: `h2: Zeek version unknown (${problem}); files rendered for Zeek 8.2.0` },
    ]);
  });

  it("keeps what the mirror step found in the install results of the reply", () => {
    const installed: HostInstallOutcome[] = [
      { host: "h1", outcome: "installed", swapped: ["/opt/zeek/spool/x"] },
      { host: "h2", outcome: "installed", swapped: [] },
    ];
    assert.deepEqual(withMirrorFacts(installed, mirrored), [
      { ...installed[0], zeek: "current", zeekVersion: "8.0.2" },
      { ...installed[1], zeek: "skipped", zeekVersionProblem: problem },
    ]);
  });
});
