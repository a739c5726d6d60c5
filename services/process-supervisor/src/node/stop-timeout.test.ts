import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { buildSimCluster, clusterPortBase, LOCAL_CLUSTER_NODE_CFG } from "@zeekbus/test-harness";
import { LocalStore } from "../state/local-store.js";
import { HostSupervisor } from "./supervisor.js";

describe("host supervisor: a stop timeout beyond Node's timer limit", () => {
  const base = clusterPortBase();
  const specs = buildSimCluster({
    prefix: mkdtempSync(join(tmpdir(), "zeekbus-prefix-")),
    nodeCfg: LOCAL_CLUSTER_NODE_CFG,
    zeekctlCfg: `ZeekPort = ${base}\nMetricsPort = ${base + 100}\n`,
  }).specs;
  const manager = specs.find((s) => s.name === "manager")!;
  const stopped: string[] = [];
  const sup = new HostSupervisor({
    host: "localhost",
    policy: { stopTimeoutMs: 500 },
    readyTimeoutMs: 10_000,
    rejoinTimeoutMs: 1000,
    store: new LocalStore(mkdtempSync(join(tmpdir(), "zeekbus-supstate-"))),
    sinks: {
      event: (name, data) => void (name === "stopped" && stopped.push(data.node)),
      persist: () => {},
      transition: () => {},
      warn: () => {},
    },
  });
  after(() => sup.stop([]).catch(() => undefined));

  it("3e9 ms does not become 1 ms: the stop waits for the node as the policy says, and ends stopped", async () => {
    const wedged = { ...manager, env: { ...manager.env, ZEEK_SIM_FAULTS: "ignore-sigterm" } };
    const [started] = await sup.start([wedged]);
    assert.equal(started?.outcome, "started");
    const [outcome] = await sup.stop([manager.name], 3e9);
    assert.deepEqual(outcome, { node: "manager", outcome: "stopped" });
    assert.deepEqual(stopped, ["manager"]);
  });
});
