import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mirrorNeeded, mirrorWanted } from "./mirror.js";
import { mirroredMode } from "./zeek-source.js";

describe("zeek mirror decisions", () => {
  it("skips when disabled or when a local host's prefix is the source", () => {
    const base = { mirrorZeek: true, local: false, source: "/usr/local/zeek", prefix: "/usr/local/zeek" };
    assert.equal(mirrorWanted(base), true, "remote host, same path");
    assert.equal(mirrorWanted({ ...base, local: true }), false);
    assert.equal(mirrorWanted({ ...base, local: true, source: "/srv/zeek" }), true);
    assert.equal(mirrorWanted({ ...base, mirrorZeek: false }), false);
  });

  it("mirrors a missing or different version only", () => {
    assert.equal(mirrorNeeded(undefined, "8.2.0"), true);
    assert.equal(mirrorNeeded("8.1.0", "8.2.0"), true);
    assert.equal(mirrorNeeded("8.2.0", "8.2.0"), false);
  });

  it("keeps executables executable", () => {
    assert.equal(mirroredMode(0o100755), 0o755);
    assert.equal(mirroredMode(0o100700), 0o755);
    assert.equal(mirroredMode(0o100640), 0o644);
    assert.equal(mirroredMode(0o100644), 0o644);
  });
});
