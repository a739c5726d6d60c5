import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { LOCAL_CLUSTER_NODE_CFG } from "@zeekbus/test-harness";
import { configDir, removeConfigDirs, runCli } from "./topology/testing.js";

interface Meta {
  outputs: Record<string, { imports: { path: string; kind: string }[]; inputs: Record<string, unknown> }>;
}

/** Every source file in the entry's output and in the chunks it imports statically (what starting loads). */
function loadedAtStart(meta: Meta, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (out: string) => {
    if (seen.has(out)) return;
    seen.add(out);
    for (const i of meta.outputs[out]?.imports ?? [])
      if (i.kind === "import-statement" && i.path in meta.outputs) visit(i.path);
  };
  visit(entry);
  return [...seen].flatMap((out) => Object.keys(meta.outputs[out]?.inputs ?? {}));
}

const VERBS = ["up", "services", "check-config", "nodes", "config", "plan", "apply", "render"];
const MORE_VERBS = ["start", "stop", "restart", "status", "unquarantine", "deploy", "install", "check"];

describe("the zeekbus command", () => {
  after(removeConfigDirs);

  it("--help lists every verb", async () => {
    const r = await runCli(["--help"]);
    assert.equal(r.code, 0, r.stderr);
    for (const verb of [...VERBS, ...MORE_VERBS]) assert.match(r.stdout, new RegExp(`^ {2}${verb} `, "m"));
  });

  it("starts with commander and the verbs' names only: each verb's code is loaded when it runs", () => {
    const meta = JSON.parse(
      readFileSync(fileURLToPath(new URL("../dist/bundle/meta.json", import.meta.url)), "utf8"),
    ) as Meta;
    const startup =
      /^(.*node_modules\/commander\/|.*libs\/pipes\/dist\/|dist\/(main|output|program|services-cmd|up\/command|[a-z]+\/register)\.js$)/;
    const loaded = loadedAtStart(meta, "dist/bundle/zeekbus.mjs");
    assert.ok(loaded.some((f) => f.includes("node_modules/commander/")));
    assert.deepEqual(
      loaded.filter((f) => !startup.test(f)),
      [],
      "nothing but the command line is loaded at start",
    );
  });

  it("stops quietly when the reader of its output has gone (zeekbus nodes | head -0)", async () => {
    const etc = await configDir({ "node.cfg": LOCAL_CLUSTER_NODE_CFG });
    const cli = fileURLToPath(new URL("../dist/bundle/zeekbus.mjs", import.meta.url));
    for (let i = 0; i < 5; i++) {
      const child = spawn(process.execPath, [cli, "nodes", "--config", etc], {
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout.destroy();
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => {
        stderr += d.toString();
      });
      const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
      assert.equal(stderr, "");
      assert.equal(code, 0);
    }
  });
});
