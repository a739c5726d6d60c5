import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { killProcessesUnder } from "./procs.js";

describe("killProcessesUnder", () => {
  it("kills what runs a program under the directory, and nothing else", async () => {
    const dir = mkdtempSync(join(tmpdir(), "zeekbus-fuzz-procs-"));
    try {
      symlinkSync("/bin/sleep", join(dir, "zeek"));
      const inside = spawn(join(dir, "zeek"), ["30"], { stdio: "ignore" });
      const outside = spawn("/bin/sleep", ["30"], { stdio: "ignore" });
      await Promise.all([inside, outside].map((c) => new Promise((r) => c.once("spawn", r))));
      const ended = new Promise((r) => inside.once("exit", (_code, signal) => r(signal)));
      assert.equal(killProcessesUnder(dir), 1);
      assert.equal(await ended, "SIGKILL");
      assert.equal(outside.exitCode, null);
      assert.equal(outside.signalCode, null);
      outside.kill("SIGKILL");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
