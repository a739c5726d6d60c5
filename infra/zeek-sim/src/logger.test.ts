import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { configText, layoutText, spoolDir, writeCluster, zeekctlArgs } from "./fixtures.js";
import { cleanup, freePort, readStatus, startSim, tempDir, waitFor } from "./harness.js";

const record = [
  "1795900000.000001",
  "CAbCdEfGhIjKlMnOp1",
  "10.99.1.1",
  "40000",
  "10.99.2.1",
  "80",
  "tcp",
  "-",
  "0.100000",
  "10",
  "20",
  "SF",
  "-",
  "-",
  "0",
  "ShADadFf",
  "5",
  "270",
  "5",
  "280",
  "-",
  "worker-1",
].join("\t");

function send(port: number, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = connect(port, "127.0.0.1", () => s.end(text, () => resolve()));
    s.on("error", reject);
  });
}

describe("zeek-sim logger", () => {
  after(cleanup);

  it("writes records from a worker connection to conn.log with the _node column", async () => {
    const dir = tempDir();
    const loggerPort = await freePort();
    const layout = layoutText([
      { name: "manager", type: "MANAGER", port: await freePort() },
      { name: "logger", type: "LOGGER", port: loggerPort },
      { name: "worker-1", type: "WORKER", port: await freePort() },
    ]);
    const zeekpath = writeCluster(dir, layout, configText());
    const cwd = spoolDir(dir, "logger");
    const logger = startSim(zeekctlArgs("logger"), {
      cwd,
      env: { ZEEKPATH: zeekpath, CLUSTER_NODE: "logger" },
    });
    await waitFor("logger RUNNING", () => readStatus(join(cwd, ".status")) === "RUNNING [net_run]");
    const half = Math.floor(record.length / 2);
    await send(loggerPort, `${record}\n${record.slice(0, half)}`);
    await send(loggerPort, `${record}\n`);
    const log = () => readFileSync(join(cwd, "conn.log"), "utf8");
    await waitFor(
      "two records",
      () =>
        log()
          .split("\n")
          .filter((l) => l && !l.startsWith("#")).length === 2,
    );
    const lines = log().split("\n");
    assert.equal(lines[0], "#separator \\x09");
    assert.ok(lines.includes("#path\tconn"));
    const fields =
      lines
        .find((l) => l.startsWith("#fields\t"))
        ?.split("\t")
        .slice(1) ?? [];
    const types =
      lines
        .find((l) => l.startsWith("#types\t"))
        ?.split("\t")
        .slice(1) ?? [];
    assert.equal(fields.at(-1), "_node");
    assert.equal(types.at(-1), "string");
    assert.equal(fields.length, types.length);
    for (const f of [
      "ts",
      "uid",
      "id.orig_h",
      "id.orig_p",
      "id.resp_h",
      "id.resp_p",
      "proto",
      "conn_state",
    ]) {
      assert.ok(fields.includes(f), f);
    }
    const data = lines.filter((l) => l && !l.startsWith("#"));
    assert.deepEqual(data, [record, record]);
    assert.equal(data[0]?.split("\t").length, fields.length);
    logger.child.kill("SIGTERM");
    assert.equal((await logger.exited).code, 0);
    assert.match(log(), /\n#close\t\S+\n$/);
  });
});
