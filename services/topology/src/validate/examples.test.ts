import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { zeekPath, zeekSimBin } from "@zeekbus/zeek-sim";
import { fakeLookup } from "../testing/fixtures.js";
import { buildFromSource, keptInputs } from "./build.js";
import { ZEEKCTL_FILES } from "./source.js";

const example = fileURLToPath(new URL("../../../../examples/cluster/", import.meta.url));

describe("the demo's example cluster (examples/cluster)", () => {
  const dir = mkdtempSync(join(tmpdir(), "zeekbus-example-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("renders files that pass zeek-sim's parse-only check on every node, as zeekctl check runs it", async () => {
    const files = Object.fromEntries(
      ZEEKCTL_FILES.map((name) => [name, readFileSync(join(example, "etc", name), "utf8")]),
    );
    const built = await buildFromSource({ format: "zeekctl", files }, keptInputs(undefined), fakeLookup);
    assert.ok(built.topology, JSON.stringify(built.problems));
    const auto = join(dir, "auto");
    mkdirSync(auto);
    for (const [name, text] of Object.entries(built.topology.files)) writeFileSync(join(auto, name), text);
    assert.ok(built.topology.files["zeekctl-config.zeek"]?.includes("curve_server_publickey"));
    for (const spec of built.topology.specs) {
      const cwd = join(dir, spec.name);
      mkdirSync(cwd);
      const env = {
        PATH: process.env.PATH ?? "",
        ...spec.env,
        ZEEKPATH: `${join(example, "site")}:${zeekPath(auto)}`,
        ZEEKCTL_CHECK_CONFIG: "1",
        ZEEKCTL_DISABLE_LISTEN: "1",
      };
      const r = spawnSync(zeekSimBin, ["-a", ...spec.argv], { cwd, env, encoding: "utf8" });
      assert.equal(r.stderr, "", spec.name);
      assert.equal(r.status, 0, spec.name);
    }
  });
});
