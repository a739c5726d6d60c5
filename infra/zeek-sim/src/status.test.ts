import assert from "node:assert/strict";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { cleanup, freePort, readStatus, runSim, startSim, tempDir, waitFor } from "./harness.js";

describe("zeek-sim .status file", () => {
  after(cleanup);

  it("goes INITIALIZING → RUNNING → TERMINATED [atexit] and exits 0 on SIGTERM", async () => {
    const cwd = tempDir();
    const status = join(cwd, ".status");
    const port = await freePort();
    const run = startSim(
      ["-U", ".status", `Telemetry::metrics_port=${port}/tcp`, "Telemetry::metrics_address=127.0.0.1"],
      {
        cwd,
        env: { ZEEK_SIM_FAULTS: "slow-start=0.6s" },
      },
    );
    await waitFor("INITIALIZING", () => readStatus(status) === "INITIALIZING [main]");
    await waitFor("RUNNING", () => readStatus(status) === "RUNNING [net_run]");
    run.child.kill("SIGTERM");
    const r = await run.exited;
    assert.equal(r.code, 0);
    assert.equal(readStatus(status), "TERMINATED [atexit]");
  });

  it("exits 0 on SIGINT too", async () => {
    const cwd = tempDir();
    const run = startSim(["-U", ".status"], { cwd });
    await waitFor("RUNNING", () => readStatus(join(cwd, ".status")) === "RUNNING [net_run]");
    run.child.kill("SIGINT");
    assert.equal((await run.exited).code, 0);
    assert.equal(readStatus(join(cwd, ".status")), "TERMINATED [atexit]");
  });

  it("writes TERMINATED [fatal_error] when a listen port is taken", async () => {
    const cwd = tempDir();
    const port = await freePort();
    const first = startSim(
      ["-U", ".status", `Telemetry::metrics_port=${port}/tcp`, "Telemetry::metrics_address=127.0.0.1"],
      {
        cwd,
      },
    );
    await waitFor("first RUNNING", () => readStatus(join(cwd, ".status")) === "RUNNING [net_run]");
    const other = tempDir();
    const r = await runSim(
      ["-U", ".status", `Telemetry::metrics_port=${port}/tcp`, "Telemetry::metrics_address=127.0.0.1"],
      {
        cwd: other,
      },
    );
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Address already in use/);
    assert.equal(readStatus(join(other, ".status")), "TERMINATED [fatal_error]");
    first.child.kill("SIGTERM");
    await first.exited;
  });
});
