import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { labDown } from "../down.js";
import { UnknownHostError } from "../errors.js";
import { hostCommand } from "../host/command.js";
import { hostCaptureCounters, hostMetrics } from "../host/metrics.js";
import type { LabInfo } from "../types.js";
import { labUp } from "../up.js";
import { acquireLabLock, isRoot } from "./helpers.js";

const PORT = 9994;
const EXPOSITION = [
  "# TYPE zeek_net_received_packets_total counter",
  'zeek_net_received_packets_total{iface="mon0"} 40',
  'zeek_net_received_packets_total{iface="mon1"} 2',
  "zeek_net_dropped_packets_total 1",
  "",
].join("\n");

/** A metrics endpoint bound to 127.0.0.1 only, as zeekctl's default MetricsAddress binds a node's. */
const server = `require("node:http")
  .createServer((_q, res) => res.end(${JSON.stringify(EXPOSITION)}))
  .listen(${PORT}, "127.0.0.1", () => console.log("listening"));`;

describe("a node's metrics read on its lab host", { skip: !isRoot() && "needs root" }, () => {
  let release: () => void = () => undefined;
  let dir: string;
  let lab: LabInfo;
  let endpoint: ChildProcess | undefined;

  before(async () => {
    release = await acquireLabLock();
    dir = mkdtempSync(join(tmpdir(), "zb-lab-metrics-"));
    lab = await labUp({ hosts: 2, dir });
    const [cmd, ...args] = hostCommand(lab, "h2", [process.execPath, "-e", server]);
    endpoint = spawn(cmd as string, args, { stdio: ["ignore", "pipe", "inherit"] });
    const [ready] = await Promise.race([once(endpoint.stdout!, "data"), once(endpoint, "exit")]);
    assert.equal(String(ready), "listening\n", "the metrics endpoint listens on h2");
  });
  after(async () => {
    endpoint?.kill("SIGKILL");
    await labDown(dir);
    rmSync(dir, { recursive: true, force: true });
    release();
  });

  it("reads 127.0.0.1:<port> inside the host's namespace, the host named by address or name", async () => {
    const counters = { received: 42, dropped: 1 };
    assert.deepEqual(await hostCaptureCounters(lab, "10.99.0.2", PORT), counters);
    assert.deepEqual(await hostCaptureCounters(lab, "h2", PORT), counters);
    assert.equal((await hostMetrics(lab, "h2", PORT))?.get("zeek_net_dropped_packets_total"), 1);
    const t0 = performance.now();
    for (let i = 0; i < 10; i++) await hostMetrics(lab, "h2", PORT);
    console.log(`metrics read on a host (nsenter + curl): ${((performance.now() - t0) / 10).toFixed(1)} ms`);
  });

  it("the endpoint is not reachable from outside its host", async () => {
    await assert.rejects(fetch(`http://10.99.0.2:${PORT}/metrics`, { signal: AbortSignal.timeout(1000) }));
  });

  it("undefined where nothing answers: another host's loopback, a closed port", async () => {
    assert.equal(await hostCaptureCounters(lab, "h1", PORT), undefined);
    assert.equal(await hostMetrics(lab, "10.99.0.2", PORT + 1), undefined);
  });

  it("a host the lab does not have is an error", async () => {
    await assert.rejects(hostMetrics(lab, "10.99.0.9", PORT), UnknownHostError);
  });
});
