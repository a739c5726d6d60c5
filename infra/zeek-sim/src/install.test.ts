import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { layoutText } from "./fixtures.js";
import { baseEnv, cleanup, tempDir } from "./harness.js";

const cDir = fileURLToPath(new URL("../c", import.meta.url));

describe("zeek-sim make install", () => {
  let prefix: string;
  before(() => {
    prefix = tempDir();
    const r = spawnSync("make", ["-s", "-C", cDir, "install", `PREFIX=${prefix}`], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
  });
  after(cleanup);

  it("lays out a Zeek-like prefix", () => {
    assert.ok(lstatSync(join(prefix, "bin", "zeek")).isSymbolicLink());
    for (const f of [
      "site/local.zeek",
      "base/frameworks/cluster/main.zeek",
      "zeekctl/__load__.zeek",
      "zeekctl/auto.zeek",
      "zeekctl/standalone.zeek",
      "policy/frameworks/cluster/backend/zeromq/__load__.zeek",
      "policy/frameworks/cluster/backend/zeromq/connect.zeek",
      "policy/frameworks/cluster/backend/zeromq/options.zeek",
    ]) {
      assert.ok(existsSync(join(prefix, "share", "zeek", f)), f);
    }
  });

  it("finds its scripts through the compiled-in ZEEKPATH (., share/zeek, policy, site)", () => {
    const cwd = tempDir();
    writeFileSync(
      join(cwd, "cluster-layout.zeek"),
      layoutText([{ name: "manager", type: "MANAGER", port: 27763 }]),
    );
    const args = ["-a", "policy/frameworks/cluster/backend/zeromq", "local", "zeekctl", "zeekctl/auto"];
    const r = spawnSync(join(prefix, "bin", "zeek"), args, {
      cwd,
      encoding: "utf8",
      env: { ...baseEnv(), CLUSTER_NODE: "manager" },
    });
    assert.equal(r.stderr, "");
    assert.equal(r.status, 0);
    const missing = spawnSync(join(prefix, "bin", "zeek"), ["-a", "local", "zeekctl"], {
      cwd,
      encoding: "utf8",
      env: { ...baseEnv(), CLUSTER_NODE: "manager" },
    });
    assert.equal(missing.status, 1);
    assert.match(
      missing.stderr,
      new RegExp(`^fatal error in ${prefix}/share/zeek/base/frameworks/cluster/main\\.zeek`),
    );
  });
});
