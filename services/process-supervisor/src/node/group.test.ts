import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, it } from "node:test";
import type { NodeSpec } from "@zeekbus/contracts";
import { eventually } from "@zeekbus/test-harness";
import type { ExitInfo } from "../process/exit.js";
import { readIdentity, readProc } from "../process/proc.js";
import { nodeProcesses } from "../testing/procs.js";
import { standaloneNode, wrapperZeek } from "../testing/wrappers.js";
import { NodeEffects } from "./effects.js";

/** A node's effects and its exit, as the runner would see it. */
function effectsOf(spec: NodeSpec, groupGraceMs = 60_000) {
  let reported: ExitInfo | undefined;
  let resolve: (e: ExitInfo) => void = () => {};
  const exit = new Promise<ExitInfo>((r) => {
    resolve = r;
  });
  const effects = new NodeEffects(
    spec,
    { readyTimeoutMs: 5000, rejoinTimeoutMs: 1000, groupGraceMs },
    (e) => {
      reported = e;
      resolve(e);
    },
  );
  return { effects, exit, reported: () => reported };
}

const ignoringTerm = { env: { ZEEK_SIM_FAULTS: "ignore-sigterm" } };

describe("a node is its process group", () => {
  it("SIGTERM reaches what a wrapper started, and the node ends once all of its group has", async () => {
    const spec = standaloneNode(wrapperZeek("fork"));
    const node = effectsOf(spec);
    await node.effects.spawn();
    await node.effects.waitReady();
    await eventually(() => nodeProcesses(spec.cwd).length === 3, { what: "the script, zeek and a sleep" });
    assert.equal(node.effects.signal("SIGTERM"), true);
    await node.exit;
    assert.deepEqual(nodeProcesses(spec.cwd), []);
  });

  it("SIGKILL after the stop timeout reaches a member ignoring SIGTERM once the wrapper has exited", async () => {
    const spec = standaloneNode(wrapperZeek("fork"), ignoringTerm);
    const node = effectsOf(spec);
    const { pid } = await node.effects.spawn();
    await node.effects.waitReady();
    await eventually(() => nodeProcesses(spec.cwd).length === 3, { what: "the script, zeek and a sleep" });
    node.effects.signal("SIGTERM");
    // Synchronously, so that this process cannot reap the wrapper: it stays a zombie meanwhile.
    const deadline = Date.now() + 5000;
    while (readProc(pid) !== undefined || nodeProcesses(spec.cwd).length !== 1) {
      if (Date.now() > deadline) throw new Error("the wrapper and the sleep did not end on SIGTERM");
    }
    assert.equal(node.effects.signal("SIGKILL"), true, "zeek, ignoring SIGTERM, still gets SIGKILL");
    assert.equal(node.reported(), undefined, "not ended while its zeek ran");
    await node.exit;
    assert.deepEqual(nodeProcesses(spec.cwd), []);
  });

  it("kills what is left of a group after its leader crashed, once the grace has passed", async () => {
    const spec = standaloneNode(wrapperZeek("fork"), ignoringTerm);
    const node = effectsOf(spec, 100);
    const { pid } = await node.effects.spawn();
    await node.effects.waitReady();
    process.kill(pid, "SIGKILL");
    const exit = await node.exit;
    assert.equal(exit.signal, "SIGKILL");
    assert.deepEqual(nodeProcesses(spec.cwd), []);
  });

  it("never signals a process that reused the pid of a node whose group has ended", async () => {
    const other = spawn("sleep", ["30"], { stdio: "ignore" });
    await once(other, "spawn");
    const pid = other.pid!;
    const real = readIdentity(pid, ["30"])!;
    const node = effectsOf(standaloneNode(wrapperZeek("exec")));
    node.effects.current = {
      identity: { ...real, startTicks: real.startTicks - 1, args: ["-U", ".status"] },
      startedAt: Date.now(),
      pgid: pid,
    };
    try {
      assert.equal(node.effects.signal("SIGTERM"), false);
      assert.equal(node.effects.signal("SIGKILL"), false);
      assert.ok(readProc(pid), "the other process still runs");
    } finally {
      other.kill("SIGKILL");
    }
  });
});
