import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { configDir, removeConfigDirs, runCli, zeekctlFixture } from "./testing.js";

const BAD = "[manager]\nhost=localhost\ntype=bogus\n\n[worker-1]\ntype=worker\ninterface=eth0\n";

describe("zeekbus check-config and offline nodes/config", () => {
  after(removeConfigDirs);

  it("check-config of a good zeekctl etc/ exits 0", async () => {
    const dir = await configDir({
      "node.cfg": await readFile(zeekctlFixture("etc/node.cfg__logger"), "utf8"),
    });
    const r = await runCli(["check-config", dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${dir}: configuration is ok (5 nodes)\n`);
    assert.equal(r.stderr, "");
  });

  it("check-config of a bad one prints every problem as file:line: message and exits 1", async () => {
    const dir = await configDir({ "node.cfg": BAD });
    const r = await runCli(["check-config", dir]);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      `${join(dir, "node.cfg")}:3: unknown node type 'bogus' given for node 'manager'\n` +
        `${join(dir, "node.cfg")}:5: no host given for node 'worker-1'\n`,
    );
    const json = await runCli(["--json", "check-config", dir]);
    assert.equal(json.code, 1);
    const body = JSON.parse(json.stdout) as { ok: boolean; problems: Array<{ line: number }> };
    assert.equal(body.ok, false);
    assert.deepEqual(
      body.problems.map((p) => p.line),
      [3, 5],
    );
  });

  it("check-config of a YAML spec, and of a missing path", async () => {
    const dir = await configDir({
      "cluster.yaml":
        "nodes:\n  - name: zeek\n    type: standalone\n    host: localhost\n    interface: eth0\n",
    });
    const ok = await runCli(["check-config", join(dir, "cluster.yaml")]);
    assert.equal(ok.code, 0, ok.stderr);
    const missing = await runCli(["check-config", join(dir, "nope")]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^Error: cannot read config: /);
  });

  it("check-config names a host that does not resolve, at its line", async () => {
    const dir = await configDir({
      "node.cfg": "[zeek]\ntype=standalone\nhost=nowhere.invalid\ninterface=eth0\n",
    });
    const r = await runCli(["check-config", dir]);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^.*node\.cfg:3: hostname lookup failed for 'nowhere\.invalid' in node config \[[A-Z_]+\]\n$/,
    );
  });

  it("nodes --config prints zeekctl's `nodes` format", async () => {
    const dir = await configDir({
      "node.cfg": await readFile(zeekctlFixture("etc/node.cfg__logger"), "utf8"),
    });
    const r = await runCli(["nodes", "--config", dir]);
    assert.equal(r.code, 0, r.stderr);
    const baseline = await readFile(zeekctlFixture("baseline/command.nodes/cluster"), "utf8");
    const expected = baseline.slice(baseline.indexOf("\n") + 1);
    assert.equal(r.stdout.replace(/ addr=\S*/g, " addr=X"), expected);
  });

  it("config --config prints key = value lines, sorted, as zeekctl does", async () => {
    const dir = await configDir({
      "node.cfg": await readFile(zeekctlFixture("etc/node.cfg__default"), "utf8"),
      "zeekctl.cfg": "CompressLogs = 0\n",
    });
    const r = await runCli(["config", "--config", dir]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split("\n");
    assert.ok(lines.includes("mailsubjectprefix = [Zeek]"));
    assert.ok(lines.includes("compresslogs = False"));
    assert.deepEqual(lines, [...lines].sort());
  });
});
