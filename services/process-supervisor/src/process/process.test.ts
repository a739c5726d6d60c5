import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { NodeSpec } from "@zeekbus/contracts";
import { zeekSimBin } from "@zeekbus/zeek-sim";
import { writeCrashReport } from "../crash/report.js";
import { waitRunning } from "../readiness/status-file.js";
import { watchAdopted, watchChild } from "./exit.js";
import { isSameProcess, readIdentity, readProc } from "./proc.js";
import { SpawnError, spawnNode } from "./spawn.js";

function standaloneSpec(extra: Partial<NodeSpec> = {}): NodeSpec {
  const prefix = mkdtempSync(join(tmpdir(), "zeekbus-sup-"));
  return {
    name: "zeek",
    type: "standalone",
    host: "localhost",
    zeek: zeekSimBin,
    argv: ["-U", ".status", "-p", "zeekctl", "local.zeek"],
    env: { MYVAR: "one" },
    cwd: join(prefix, "spool", "zeek"),
    pinCpus: [],
    ...extra,
  };
}

describe("spawning a node", () => {
  it("runs the spec in its cwd and writes zeekctl's bookkeeping files", async () => {
    const spec = standaloneSpec();
    const node = await spawnNode(spec);
    try {
      await waitRunning(spec.cwd, { timeoutMs: 5000 });
      assert.equal(readFileSync(join(spec.cwd, ".pid"), "utf8").trim(), String(node.identity.pid));
      assert.equal(readFileSync(join(spec.cwd, ".cmdline"), "utf8"), "-U .status -p zeekctl local.zeek\n");
      assert.equal(readFileSync(join(spec.cwd, ".env_vars"), "utf8"), "MYVAR=one\n");
      assert.equal(readFileSync(join(spec.cwd, ".startup"), "utf8").split("\n").length, 4);
      assert.deepEqual(node.identity.cmdline, [spec.zeek, ...spec.argv]);
      assert.ok(isSameProcess(node.identity));
      const env = readFileSync(`/proc/${node.identity.pid}/environ`, "utf8").split("\0");
      assert.ok(env.includes("MYVAR=one"));
      assert.ok(!env.some((e) => e.startsWith("ZEEKBUS_")));
    } finally {
      node.child.kill("SIGTERM");
    }
    const exit = await watchChild(node.child);
    assert.equal(exit.code, 0);
    assert.match(readFileSync(join(spec.cwd, ".status"), "utf8"), /^TERMINATED/);
  });

  it("pins CPUs with taskset: the process taskset becomes zeek stays the recorded one", async () => {
    const spec = standaloneSpec({ pinCpus: [0] });
    const node = await spawnNode(spec);
    try {
      assert.equal(node.identity.pid, node.child.pid);
      await waitRunning(spec.cwd, { timeoutMs: 5000 });
      assert.deepEqual(readProc(node.identity.pid)?.cmdline, [spec.zeek, ...spec.argv]);
      assert.ok(isSameProcess(node.identity));
      const status = readFileSync(`/proc/${node.identity.pid}/status`, "utf8");
      assert.match(status, /^Cpus_allowed_list:\s+0$/m);
    } finally {
      node.child.kill("SIGKILL");
    }
  });

  it("fails clearly when the zeek binary is missing", async () => {
    const spec = standaloneSpec({ zeek: "/nonexistent/bin/zeek" });
    await assert.rejects(spawnNode(spec), (err: Error) => {
      assert.ok(err instanceof SpawnError);
      assert.match(err.message, /zeek binary not found or not executable: \/nonexistent\/bin\/zeek/);
      return true;
    });
  });

  it("writes a crash report with the exit, tails and bookkeeping files", async () => {
    const spec = standaloneSpec({ env: { ZEEK_SIM_FAULTS: "crash-after=0.2" } });
    const node = await spawnNode(spec);
    const exit = await watchChild(node.child);
    assert.equal(exit.signal, "SIGSEGV");
    const dir = writeCrashReport({ spec, pid: node.identity.pid, startedAt: node.startedAt, exit });
    assert.match(dir, /\/spool\/tmp\/post-terminate-standalone-.*-crash$/);
    const report = JSON.parse(readFileSync(join(dir, "crash-report.json"), "utf8"));
    assert.equal(report.exit, "killed by SIGSEGV");
    assert.equal(report.node, "zeek");
    assert.ok(report.uptimeS > 0.1);
    for (const f of ["stderr.log", "stdout.log", ".status", ".cmdline", ".env_vars"]) {
      assert.ok(existsSync(join(dir, f)), f);
    }
    assert.equal(
      existsSync(join(spec.cwd, "stderr.log")),
      false,
      "the crashed process's log moved into the report",
    );
    assert.ok(Array.isArray(report.stderrTail));
  });
});

describe("process identity", () => {
  it("does not take a process with a reused pid for the recorded one", async () => {
    const other = spawn("sleep", ["30"], { stdio: "ignore" });
    await new Promise((r) => other.once("spawn", r));
    try {
      const real = readIdentity(other.pid!, ["30"]);
      assert.ok(real);
      assert.equal(isSameProcess(real), true);
      assert.equal(isSameProcess({ ...real, startTicks: real.startTicks - 1 }), false);
      assert.equal(isSameProcess({ ...real, args: ["-U", ".status"] }), false);
      assert.equal(isSameProcess({ ...real, args: ["sleep", "30", "extra"] }), false);
    } finally {
      other.kill("SIGKILL");
    }
  });

  it("notices an adopted process ending", async () => {
    const other = spawn("sleep", ["30"], { stdio: "ignore" });
    await new Promise((r) => other.once("spawn", r));
    const watch = watchAdopted(readIdentity(other.pid!, ["30"])!, 10);
    other.kill("SIGKILL");
    const exit = await watch.done;
    assert.equal(exit.code, null);
    assert.ok(Date.now() - exit.at < 1000);
  });
});
