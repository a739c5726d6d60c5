import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { backendScript, configText, layoutText, spoolDir, writeCluster, zeekctlArgs } from "./fixtures.js";
import {
  cleanup,
  freePort,
  readStatus,
  type Sim,
  scrapeWhenUp,
  startSim,
  tempDir,
  waitFor,
} from "./harness.js";
import { zeekPath } from "./index.js";

const required = [
  ["zeek_net_received_packets_total", "counter"],
  ["zeek_net_dropped_packets_total", "counter"],
  ["zeek_net_received_bytes_total", "counter"],
  ["process_resident_memory_bytes", "gauge"],
  ["process_cpu_seconds_total", "counter"],
] as const;

describe("zeek-sim metrics endpoint", () => {
  let dir: string;
  let zeekpath: string;
  let metricsPort: number;
  let manager: Sim;
  before(async () => {
    dir = tempDir();
    metricsPort = await freePort();
    const layout = layoutText([
      { name: "manager", type: "MANAGER", port: await freePort(), metricsPort },
      { name: "proxy-1", type: "PROXY", port: await freePort(), metricsPort: await freePort() },
    ]);
    zeekpath = writeCluster(dir, layout, configText());
    const cwd = spoolDir(dir, "manager");
    manager = startSim(zeekctlArgs("manager"), { cwd, env: { ZEEKPATH: zeekpath, CLUSTER_NODE: "manager" } });
    await waitFor("manager RUNNING", () => readStatus(`${cwd}/.status`) === "RUNNING [net_run]");
  });
  after(cleanup);

  it("serves Prometheus text with HELP/TYPE and the node label", async () => {
    const { text, values } = await scrapeWhenUp(metricsPort);
    for (const [name, type] of required) {
      assert.match(text, new RegExp(`^# HELP ${name} \\S.*$`, "m"));
      assert.match(text, new RegExp(`^# TYPE ${name} ${type}$`, "m"));
      assert.match(text, new RegExp(`^${name}\\{node="manager"\\} [0-9.e+]+$`, "m"));
      assert.ok(values.has(name));
    }
    assert.ok((values.get("process_resident_memory_bytes") ?? 0) > 0);
  });

  it("exports zeek_version_info and, on the manager, /services.json from the layout", async () => {
    const { text } = await scrapeWhenUp(metricsPort);
    assert.match(text, /^zeek_version_info\{node="manager",version_number="80200",.*version="8\.2\.0"\} 1$/m);
    const res = await fetch(`http://127.0.0.1:${metricsPort}/services.json`);
    const sd = (await res.json()) as { targets: string[] }[];
    assert.equal(sd[0]?.targets.length, 2);
    assert.ok(sd[0]?.targets.includes(`127.0.0.1:${metricsPort}`));
  });

  it("takes a standalone node's port from standalone-layout.zeek unless listening is disabled", async () => {
    const port = await freePort();
    const auto = tempDir();
    writeFileSync(
      join(auto, "standalone-layout.zeek"),
      `@if ( getenv("ZEEKCTL_DISABLE_LISTEN") == "" )\nredef Telemetry::metrics_port = ${port}/tcp;\n@endif\n`,
    );
    writeFileSync(join(auto, "zeekctl-config.zeek"), configText());
    const args = [
      "-U",
      ".status",
      "-p",
      "standalone",
      backendScript,
      "local.zeek",
      "zeekctl",
      "zeekctl/standalone",
    ];
    const sim = startSim([...args, "zeekctl/auto"], { cwd: tempDir(), env: { ZEEKPATH: zeekPath(auto) } });
    const { text } = await scrapeWhenUp(port);
    assert.match(text, /^zeek_net_received_packets_total\{node="zeek"\} 0$/m);
    sim.child.kill("SIGTERM");
    assert.equal((await sim.exited).code, 0);
    const cwd = tempDir();
    const env = { ZEEKPATH: zeekPath(auto), ZEEKCTL_DISABLE_LISTEN: "1" };
    const quiet = startSim(args, { cwd, env });
    await waitFor("RUNNING", () => readStatus(join(cwd, ".status")) === "RUNNING [net_run]");
    await assert.rejects(fetch(`http://127.0.0.1:${port}/metrics`));
    quiet.child.kill("SIGTERM");
    assert.equal((await quiet.exited).code, 0);
  });

  it("answers 404 for other paths", async () => {
    const res = await fetch(`http://127.0.0.1:${metricsPort}/other`);
    assert.equal(res.status, 404);
  });

  it("labels with endpoint= before Zeek 8.0", async () => {
    const port = await freePort();
    const cwd = tempDir();
    const sim = startSim([`Telemetry::metrics_port=${port}/tcp`, "Telemetry::metrics_address=127.0.0.1"], {
      cwd,
      env: { ZEEK_SIM_VERSION: "7.2.1" },
    });
    const { text } = await scrapeWhenUp(port);
    assert.match(text, /^zeek_net_received_packets_total\{endpoint="zeek"\} 0$/m);
    sim.child.kill("SIGTERM");
    assert.equal((await sim.exited).code, 0);
  });

  it("does not listen with ZEEKCTL_DISABLE_LISTEN=1", async () => {
    const cwd = spoolDir(dir, "proxy-1");
    const port = await freePort();
    const layout = layoutText([
      { name: "manager", type: "MANAGER", port: await freePort(), metricsPort: await freePort() },
      { name: "proxy-1", type: "PROXY", port: await freePort(), metricsPort: port },
    ]);
    const zp = writeCluster(tempDir(), layout, configText());
    const env = { ZEEKPATH: zp, CLUSTER_NODE: "proxy-1", ZEEKCTL_DISABLE_LISTEN: "1" };
    const sim = startSim(zeekctlArgs("proxy-1"), { cwd, env });
    await waitFor("proxy RUNNING", () => readStatus(`${cwd}/.status`) === "RUNNING [net_run]");
    await assert.rejects(fetch(`http://127.0.0.1:${port}/metrics`));
    sim.child.kill("SIGTERM");
    assert.equal((await sim.exited).code, 0);
  });

  it("stops cleanly", async () => {
    manager.child.kill("SIGTERM");
    assert.equal((await manager.exited).code, 0);
  });
});
