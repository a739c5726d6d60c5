import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { replay } from "@zeekbus/lab";
import { eventually } from "@zeekbus/test-harness";
import { zeekSimBin } from "@zeekbus/zeek-sim";
import { type LabCluster, startLabCluster, twoHostNodeCfg } from "./lab-cluster.js";
import { nodePids } from "./workers.js";

const skip = process.getuid?.() !== 0 ? "needs root" : !existsSync(zeekSimBin) ? "zeek-sim not built" : false;

describe("process supervisors on two lab hosts", { skip }, () => {
  let c: LabCluster;
  const h2 = "10.99.0.2";
  const status = async (host: string) => (await c.agent(host).status()).nodes;
  const worker = async (name: string) => (await status(h2)).find((n) => n.name === name)!;

  before(async () => {
    c = await startLabCluster({
      hosts: 2,
      nodeCfg: twoHostNodeCfg,
      policy: { immediateRetryAfterMs: 0, quarantineCrashes: 100 },
    });
  });
  after(async () => {
    await c?.teardown();
  });

  it("starts the cluster across both hosts", async () => {
    const outcomes = await c.startAll();
    assert.deepEqual(
      outcomes.map((o) => o.outcome),
      ["started", "started", "started", "started", "started"],
    );
    assert.ok((await status(h2)).every((n) => n.state === "running"));
  });

  it("restarts a kill -9'd worker, which then receives packets again in its fanout group", async () => {
    const events: string[] = [];
    const states: string[] = [];
    const sub = c.bus.nc.subscribe(c.bus.subjects.evtFilter(c.cluster, "node"), {
      callback: (_e, m) => {
        const [event, node] = m.subject.split(".").slice(4);
        if (node !== "worker-1-1") return;
        if (event === "transition") states.push((m.json() as { data: { state: string } }).data.state);
        else events.push(`${event}:${node}`);
      },
    });
    const old = (await worker("worker-1-1")).pid!;
    process.kill(old, "SIGKILL");
    const fresh = await eventually(
      async () => {
        const w = await worker("worker-1-1");
        return w.state === "running" && w.pid !== old ? w.pid : undefined;
      },
      { timeoutMs: 10_000, what: "worker-1-1 back" },
    );
    await replay(c.lab, { host: "h2", trace: "echo-connections.pcap.gz", pps: 50_000 });
    const packets = await eventually(() => c.packets("worker-1-1"), {
      what: "packets on new worker",
    });
    assert.ok(packets > 0);
    assert.deepEqual(nodePids(c.lab.hosts[1]!, "worker-1-1"), [fresh]);
    await eventually(() => events.includes("running:worker-1-1"), { what: "running event" });
    const sinceKill = <T>(list: T[], first: T) => list.slice(list.indexOf(first));
    assert.deepEqual(sinceKill(events, "crashed:worker-1-1"), [
      "crashed:worker-1-1",
      "restarted:worker-1-1",
      "running:worker-1-1",
    ]);
    await eventually(() => states.at(-1) === "running" && states.includes("crashed"), {
      what: "transitions",
    });
    assert.deepEqual(sinceKill(states, "crashed"), [
      "crashed",
      "backoff",
      "restarting",
      "rejoining",
      "running",
    ]);
    sub.unsubscribe();
  });

  it("adopts the host's nodes after its supervisor is kill -9'd, then still recovers a crash", async () => {
    const before = (await status(h2)).map((n) => `${n.name}:${n.pid}`).sort();
    c.supervisors.get(h2)?.kill("SIGKILL");
    await new Promise((r) => setTimeout(r, 200));
    await c.startSupervisor(h2);
    assert.deepEqual((await status(h2)).map((n) => `${n.name}:${n.pid}`).sort(), before);
    assert.equal(nodePids(c.lab.hosts[1]!, "worker-1-2").length, 1);
    const old = (await worker("worker-1-2")).pid!;
    process.kill(old, "SIGKILL");
    await eventually(
      async () => {
        const w = await worker("worker-1-2");
        return w.state === "running" && w.pid !== old;
      },
      { timeoutMs: 10_000, what: "adopted worker recovered" },
    );
  });
});
