import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { NodeSpec } from "@zeekbus/contracts";
import { eventually } from "@zeekbus/test-harness";
import type { ExitInfo } from "../process/exit.js";
import { readProc } from "../process/proc.js";
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

  it("SIGKILL after the stop timeout reaches a member ignoring SIGTERM once the wrapper is gone", async () => {
    const spec = standaloneNode(wrapperZeek("fork"), ignoringTerm);
    const node = effectsOf(spec);
    const { pid } = await node.effects.spawn();
    await node.effects.waitReady();
    await eventually(() => nodeProcesses(spec.cwd).length === 3, { what: "the script, zeek and a sleep" });
    node.effects.signal("SIGTERM");
    await eventually(() => readProc(pid) === undefined, { what: "the wrapper gone" });
    await eventually(() => nodeProcesses(spec.cwd).length === 1, {
      what: "only zeek, which ignores SIGTERM",
    });
    assert.equal(node.reported(), undefined, "not ended while its zeek runs");
    assert.equal(node.effects.signal("SIGKILL"), true);
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

  it("never signals a group whose leader was not seen to exit and is not the recorded process", async () => {
    const spec = standaloneNode(wrapperZeek("fork"));
    const node = effectsOf(spec);
    const { pid } = await node.effects.spawn();
    const current = node.effects.current!;
    node.effects.current = {
      ...current,
      identity: { ...current.identity, startTicks: current.identity.startTicks - 1 },
    };
    try {
      assert.equal(node.effects.signal("SIGTERM"), false);
      assert.ok(readProc(pid), "the wrapper still runs");
    } finally {
      node.effects.current = current;
      node.effects.signal("SIGKILL");
    }
    await node.exit;
  });
});
