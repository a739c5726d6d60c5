import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { configText, layoutText, spoolDir, tracesDir, writeCluster, zeekctlArgs } from "./fixtures.js";
import { cleanup, readStatus, startSim, tempDir, waitFor } from "./harness.js";
import { createNetns, deleteNetns, netnsUnavailable, replay } from "./netns.js";

const ns = `zbsim-l${process.pid}`;
const traces = tracesDir();
const skip = netnsUnavailable() ?? (traces ? undefined : "traces not found (set ZEEKBUS_TRACES)");

const dataLines = (file: string) =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l && !l.startsWith("#"));

describe("zeek-sim with two loggers", { skip }, () => {
  let dir: string;
  let zeekpath: string;
  before(() => {
    createNetns(ns, [["mon0", "tx0"]]);
    dir = tempDir();
    const layout = layoutText([
      { name: "manager", type: "MANAGER", port: 27763, metricsPort: 9991 },
      { name: "logger-1", type: "LOGGER", port: 27764, metricsPort: 9992 },
      { name: "logger-2", type: "LOGGER", port: 27765, metricsPort: 9993 },
      { name: "proxy-1", type: "PROXY", port: 27766, metricsPort: 9994 },
      { name: "worker-1", type: "WORKER", port: 27767, metricsPort: 9995 },
    ]);
    zeekpath = writeCluster(dir, layout, configText());
  });
  after(async () => {
    await cleanup();
    deleteNetns(ns);
  });

  it("spreads a worker's records round robin and buffers until the loggers are up", async () => {
    const start = (name: string, extra: string[] = []) =>
      startSim([...extra, ...zeekctlArgs(name)], {
        netns: ns,
        cwd: spoolDir(dir, name),
        env: { ZEEKPATH: zeekpath, CLUSTER_NODE: name, ZEEK_SIM_FLOW_TIMEOUT: "1" },
      });
    const running = (name: string) =>
      waitFor(
        `${name} RUNNING`,
        () => readStatus(join(dir, "spool", name, ".status")) === "RUNNING [net_run]",
      );
    const worker = start("worker-1", ["-i", "af_packet::mon0"]);
    await running("worker-1");
    replay(ns, "tx0", join(traces ?? "", "methods.pcap"));
    const loggers = ["logger-1", "logger-2"].map((l) => start(l));
    await Promise.all(["logger-1", "logger-2"].map(running));
    const logs = ["logger-1", "logger-2"].map((l) => join(dir, "spool", l, "conn.log"));
    await waitFor(
      "49 HTTP flows",
      () => logs.flatMap(dataLines).filter((l) => l.includes("\t80\ttcp\t")).length >= 49,
    );
    const counts = logs.map((l) => dataLines(l).length);
    assert.ok(Math.abs(counts[0]! - counts[1]!) <= 1, `uneven split ${counts}`);
    assert.ok(logs.flatMap(dataLines).every((l) => l.endsWith("\tworker-1")));
    for (const p of [worker, ...loggers]) p.child.kill("SIGTERM");
    for (const p of [worker, ...loggers]) assert.equal((await p.exited).code, 0);
  });
});
