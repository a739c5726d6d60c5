import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { stagedDirs, stagedEnv, stagedFileDirs, stagedFilePaths, stageZeekPath } from "./stage.js";

const prefix = "/opt/zeek";
const site = "/opt/zeek/spool/installed-scripts-do-not-touch/site";
const auto = "/opt/zeek/spool/installed-scripts-do-not-touch/auto";
const tmp = "/opt/zeek/spool/tmp/check-config-worker-1-ab12cd34";
const zeekctlPath = [site, "", auto, "/opt/zeek/share/zeek", "/opt/zeek/share/zeek/policy"].join(":");

describe("staged check env", () => {
  it("points the installed site and auto entries at the check directory, keeping order", () => {
    const r = stageZeekPath(zeekctlPath, prefix, tmp);
    assert.equal(r.replaced, 2);
    assert.equal(
      r.zeekPath,
      [`${tmp}/site`, "", `${tmp}/auto`, "/opt/zeek/share/zeek", "/opt/zeek/share/zeek/policy"].join(":"),
    );
    assert.deepEqual(stagedDirs(tmp), { site: `${tmp}/site`, auto: `${tmp}/auto` });
  });

  it("matches entries with a trailing slash, and nothing else", () => {
    const r = stageZeekPath(`${site}/:/opt/zeek/share/zeek/site:${auto}x`, prefix, tmp);
    assert.equal(r.zeekPath, `${tmp}/site:/opt/zeek/share/zeek/site:${auto}x`);
    assert.equal(r.replaced, 1);
  });

  it("leaves an env without ZEEKPATH or another prefix alone", () => {
    const env = { CLUSTER_NODE: "worker-1" };
    assert.deepEqual(stagedEnv(env, prefix, tmp), { env, replaced: 0 });
    const other = { ZEEKPATH: zeekctlPath, CLUSTER_NODE: "w" };
    assert.deepEqual(stagedEnv(other, "/usr/local/zeek", tmp), { env: other, replaced: 0 });
    const staged = stagedEnv(other, prefix, tmp);
    assert.equal(staged.env.CLUSTER_NODE, "w");
    assert.ok(staged.env.ZEEKPATH?.startsWith(`${tmp}/site::${tmp}/auto:`));
  });

  it("lists the directories and files to write, parents first", () => {
    const stage = { site: { "local.zeek": "a", "x/y/z.zeek": "b" }, auto: { "cluster-layout.zeek": "c" } };
    assert.deepEqual(stagedFileDirs(tmp, stage), [
      `${tmp}/auto`,
      `${tmp}/site`,
      `${tmp}/site/x`,
      `${tmp}/site/x/y`,
    ]);
    assert.deepEqual(stagedFilePaths(tmp, stage), [
      [`${tmp}/site/local.zeek`, "a"],
      [`${tmp}/site/x/y/z.zeek`, "b"],
      [`${tmp}/auto/cluster-layout.zeek`, "c"],
    ]);
  });
});
