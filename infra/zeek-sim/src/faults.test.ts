import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import {
  cleanup,
  freePort,
  readStatus,
  runSim,
  scrapeWhenUp,
  sleep,
  startSim,
  tempDir,
  waitFor,
} from "./harness.js";

async function standalone(faults: string, extra: string[] = []) {
  const cwd = tempDir();
  const port = await freePort();
  const args = [
    "-U",
    ".status",
    `Telemetry::metrics_port=${port}/tcp`,
    "Telemetry::metrics_address=127.0.0.1",
  ];
  const sim = startSim([...args, ...extra], { cwd, env: { ZEEK_SIM_FAULTS: faults } });
  const status = () => readStatus(join(cwd, ".status"));
  return { sim, cwd, port, status };
}

describe("zeek-sim faults", () => {
  after(cleanup);

  it("crash-start raises SIGSEGV before RUNNING", async () => {
    const { sim, status } = await standalone("crash-start");
    const r = await sim.exited;
    assert.equal(r.signal, "SIGSEGV");
    assert.equal(status(), "INITIALIZING [main]");
  });

  it("crash-start:exit=3 exits with code 3", async () => {
    const { sim, status } = await standalone("crash-start:exit=3");
    const r = await sim.exited;
    assert.equal(r.code, 3);
    assert.equal(status(), "TERMINATED [fatal_error]");
  });

  it("crash-after=1s crashes with SIGSEGV after about a second of RUNNING", async () => {
    const t0 = Date.now();
    const { sim, status } = await standalone("crash-after=1s");
    await waitFor("RUNNING", () => status() === "RUNNING [net_run]");
    const r = await sim.exited;
    assert.equal(r.signal, "SIGSEGV");
    assert.ok(Date.now() - t0 >= 900, "crashed too early");
    assert.equal(status(), "RUNNING [net_run]");
  });

  it("crash-after=0.5s:exit=42 exits with code 42", async () => {
    const { sim } = await standalone("crash-after=0.5s:exit=42");
    assert.equal((await sim.exited).code, 42);
  });

  it("reads faults from ./zeek-sim-faults", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "zeek-sim-faults"), "crash-start:exit=7\n");
    assert.equal((await runSim(["-U", ".status"], { cwd })).code, 7);
  });

  it("rejects a bad fault spec", async () => {
    const r = await runSim([], { cwd: tempDir(), env: { ZEEK_SIM_FAULTS: "explode" } });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /bad fault spec "explode"/);
  });

  it("hang keeps the process alive and answering metrics", async () => {
    const { sim, port, status } = await standalone("hang");
    const first = await scrapeWhenUp(port);
    await sleep(700);
    const second = await scrapeWhenUp(port);
    assert.equal(status(), "RUNNING [net_run]");
    assert.equal(sim.child.exitCode, null);
    assert.equal(
      second.values.get("zeek_net_received_packets_total"),
      first.values.get("zeek_net_received_packets_total"),
    );
    sim.child.kill("SIGKILL");
    assert.equal((await sim.exited).signal, "SIGKILL");
  });

  it("ignore-sigterm needs SIGKILL", async () => {
    const { sim, status } = await standalone("ignore-sigterm");
    await waitFor("RUNNING", () => status() === "RUNNING [net_run]");
    sim.child.kill("SIGTERM");
    await sleep(800);
    assert.equal(sim.child.exitCode, null);
    assert.equal(status(), "RUNNING [net_run]");
    sim.child.kill("SIGKILL");
    assert.equal((await sim.exited).signal, "SIGKILL");
  });

  it("slow-start=1.5s stays INITIALIZING without metrics, then runs", async () => {
    const { sim, port, status } = await standalone("slow-start=1.5s");
    await waitFor("INITIALIZING", () => status() === "INITIALIZING [main]");
    await sleep(800);
    assert.equal(status(), "INITIALIZING [main]");
    await assert.rejects(fetch(`http://127.0.0.1:${port}/metrics`));
    await waitFor("RUNNING", () => status() === "RUNNING [net_run]", 3000);
    await scrapeWhenUp(port);
    sim.child.kill("SIGTERM");
    assert.equal((await sim.exited).code, 0);
  });

  it("mem-grow=100 shows in process_resident_memory_bytes", async () => {
    const { sim, port } = await standalone("mem-grow=100");
    const before = (await scrapeWhenUp(port)).values.get("process_resident_memory_bytes") ?? 0;
    await sleep(1500);
    const later = (await scrapeWhenUp(port)).values.get("process_resident_memory_bytes") ?? 0;
    assert.ok(later - before >= 80 * 1024 * 1024, `RSS grew only ${later - before} bytes`);
    sim.child.kill("SIGTERM");
    assert.equal((await sim.exited).code, 0);
  });

  it("crash-on-shutdown crashes after SIGTERM", async () => {
    const { sim, status } = await standalone("crash-on-shutdown");
    await waitFor("RUNNING", () => status() === "RUNNING [net_run]");
    sim.child.kill("SIGTERM");
    const r = await sim.exited;
    assert.equal(r.signal, "SIGSEGV");
    assert.equal(status(), "TERMINATING [sig_handler]");
  });

  it("crash-on-shutdown:exit=5 exits 5 after SIGTERM", async () => {
    const { sim, status } = await standalone("crash-on-shutdown:exit=5");
    await waitFor("RUNNING", () => status() === "RUNNING [net_run]");
    sim.child.kill("SIGTERM");
    assert.equal((await sim.exited).code, 5);
  });
});
