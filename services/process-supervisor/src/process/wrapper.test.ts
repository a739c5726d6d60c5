import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { zeekSimBin } from "@zeekbus/zeek-sim";
import { waitRunning } from "../readiness/status-file.js";
import { nodeProcesses } from "../testing/procs.js";
import { standaloneNode, wrapperZeek } from "../testing/wrappers.js";
import { watchChild } from "./exit.js";
import { isSameProcess, readProc } from "./proc.js";
import { SpawnError, spawnNode } from "./spawn.js";

describe("spawning a zeek that is a script", () => {
  it("takes the script's identity at its exec, without waiting for its command line to name zeek", async () => {
    const spec = standaloneNode(wrapperZeek("exec-after-pid"));
    const node = await spawnNode(spec);
    try {
      assert.equal(node.identity.pid, node.child.pid);
      assert.notEqual(node.identity.cmdline[0], spec.zeek, "recorded before the script named itself zeek");
      assert.deepEqual(node.identity.cmdline.slice(-spec.argv.length - 1), [spec.zeek, ...spec.argv]);
      await waitRunning(spec.cwd, { timeoutMs: 5000 });
      assert.deepEqual(readProc(node.identity.pid)?.cmdline, [spec.zeek, ...spec.argv], "then it execs zeek");
      assert.ok(isSameProcess(node.identity), "the same process through env, bash and the exec");
    } finally {
      process.kill(-node.identity.pid, "SIGTERM");
    }
    assert.equal((await watchChild(node.child)).code, 0);
  });

  it("records a wrapper that execs another binary as the same process after the exec", async () => {
    const spec = standaloneNode(wrapperZeek("exec"), { pinCpus: [0] });
    const node = await spawnNode(spec);
    try {
      await waitRunning(spec.cwd, { timeoutMs: 5000 });
      assert.deepEqual(readProc(node.identity.pid)?.cmdline, [zeekSimBin, ...spec.argv]);
      assert.ok(isSameProcess(node.identity));
    } finally {
      process.kill(-node.identity.pid, "SIGKILL");
    }
    await watchChild(node.child);
  });
});

describe("spawning when a bookkeeping file cannot be written", () => {
  it("kills the process it started instead of leaving it running unwatched", async () => {
    const spec = standaloneNode(wrapperZeek("fork"));
    mkdirSync(join(spec.cwd, ".cmdline"), { recursive: true });
    await assert.rejects(spawnNode(spec), (err: Error) => {
      assert.ok(err instanceof SpawnError);
      assert.match(err.message, /cannot write the bookkeeping files in .*: the started process was killed/);
      return true;
    });
    assert.deepEqual(nodeProcesses(spec.cwd), [], "neither the script nor what it started is left");
  });
});
