import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MANIFEST_FILE } from "@zeekbus/contracts";
import { manifestMatches, manifestText, withManifest } from "./manifest.js";

describe("install manifest", () => {
  it("lists sha256 per file in name order", () => {
    const text = manifestText({ "b.zeek": "", "a.zeek": "x" });
    assert.deepEqual(JSON.parse(text), {
      files: {
        "a.zeek": "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881",
        "b.zeek": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      },
    });
    assert.deepEqual(Object.keys(JSON.parse(text).files), ["a.zeek", "b.zeek"]);
  });

  it("matches only the same names and contents", () => {
    const files = { "local.zeek": "@load misc/stats\n" };
    const installed = manifestText(files);
    assert.equal(manifestMatches(installed, { "local.zeek": "@load misc/stats\n" }), true);
    assert.equal(manifestMatches(installed, { "local.zeek": "@load misc/stats\n\n" }), false);
    assert.equal(manifestMatches(installed, { ...files, "extra.zeek": "" }), false);
    assert.equal(manifestMatches(undefined, files), false);
  });

  it("adds the manifest to the directory's files", () => {
    assert.deepEqual(Object.keys(withManifest({ "x.zeek": "" })).sort(), [MANIFEST_FILE, "x.zeek"]);
  });
});
