import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { replay } from "../capture/replay.js";
import { resolveTrace } from "../capture/trace.js";
import { labDown } from "../down.js";
import { sleep, waitFor } from "../exec.js";
import { decodeFrame, flowKey, readPcap } from "../pcap/reader.js";
import { SimCluster, type SimProcess, simAvailable } from "../sim/cluster.js";
import { type ConnRecord, nodesByFlow, readConnLog } from "../sim/connlog.js";
import { standardLayout } from "../sim/layout.js";
import { captureCounters } from "../sim/metrics.js";
import type { LabInfo } from "../types.js";
import { labUp } from "../up.js";
import { acquireLabLock, isRoot } from "./helpers.js";

const TRACE = "echo-connections.pcap.gz";
const WORKERS = ["worker-1", "worker-2", "worker-3"];
const SIM_ENV = { ZEEK_SIM_FLOW_TIMEOUT: "1" };
const skip = !isRoot()
  ? "needs root"
  : !simAvailable()
    ? "zeek-sim not built (make -C infra/zeek-sim/c)"
    : false;

async function traceFlows(): Promise<{ keys: Set<string>; packets: number }> {
  const t = await resolveTrace(TRACE);
  try {
    const pcap = readPcap(t.path);
    const keys = new Set<string>();
    for (const r of pcap.records) {
      const p = decodeFrame(r.data, pcap.linktype);
      if (p) keys.add(flowKey(p));
    }
    return { keys, packets: pcap.records.length };
  } finally {
    t.cleanup();
  }
}

describe("AF_PACKET fanout with zeek-sim workers on a lab host", { skip }, () => {
  let release: () => void = () => undefined;
  let dir: string;
  let lab: LabInfo;
  let sim: SimCluster;
  let expected: { keys: Set<string>; packets: number };
  const procs = new Map<string, SimProcess>();
  let seen = 0;

  /**
   * Records the logger wrote since the last call, once all trace flows arrived and settled, split
   * into the trace's flows and anything else the kernel put on the wire (e.g. an IGMP report).
   */
  async function nextRecords(): Promise<{ trace: ConnRecord[]; noise: ConnRecord[]; noisePackets: number }> {
    const log = sim.nodeFile("logger", "conn.log");
    const fromTrace = (r: ConnRecord) => expected.keys.has(r.key);
    const arrived = () => nodesByFlow(readConnLog(log).slice(seen).filter(fromTrace)).size;
    await waitFor(() => (arrived() >= expected.keys.size ? true : undefined), 20000, 100);
    await sleep(1500);
    const all = readConnLog(log);
    const fresh = all.slice(seen);
    seen = all.length;
    const noise = fresh.filter((r) => !fromTrace(r));
    if (noise.length > 0) console.log(`non-trace records: ${JSON.stringify(noise)}`);
    assert.deepEqual(
      noise.filter((r) => r.proto === "tcp"),
      [],
      "no TCP flow outside the trace",
    );
    const noisePackets = noise.reduce((sum, r) => sum + r.packets, 0);
    return { trace: fresh.filter(fromTrace), noise, noisePackets };
  }

  async function counters(names: string[]) {
    return Object.fromEntries(
      await Promise.all(names.map(async (n) => [n, await captureCounters(sim.metricsUrl(n))])),
    );
  }

  before(async () => {
    release = await acquireLabLock();
    dir = mkdtempSync(join(tmpdir(), "zb-fanout-test-"));
    lab = await labUp({ hosts: 1, dir, captureIfaces: 2, captureQueues: 2 });
    sim = new SimCluster(lab, "h1", standardLayout(4));
    expected = await traceFlows();
    procs.set("logger", await sim.start("logger", { env: SIM_ENV }));
    for (const w of WORKERS) procs.set(w, await sim.start(w, { iface: "mon0", fanoutId: 23, env: SIM_ENV }));
    for (const [name, p] of procs) assert.ok(p.running, `${name} did not start: ${p.stderr()}`);
  });
  after(async () => {
    for (const p of procs.values()) if (p.running) p.child.kill("SIGKILL");
    await labDown(dir);
    rmSync(dir, { recursive: true, force: true });
    release();
  });

  it("splits the trace: every flow is seen by exactly one worker, no drops", async () => {
    assert.equal(expected.keys.size, 500);
    const r = await replay(lab, { host: "h1", trace: TRACE });
    console.log(`replay: ${r.packets} packets at ${Math.round(r.pps)} pps`);
    const { trace: records, noisePackets } = await nextRecords();
    const byFlow = nodesByFlow(records);
    const perWorker = WORKERS.map((w) => `${w} ${records.filter((x) => x.node === w).length}`).join(", ");
    console.log(`flows per worker: ${perWorker}`);
    assert.deepEqual(new Set(byFlow.keys()), expected.keys);
    const multi = [...byFlow].filter(([, nodes]) => nodes.size !== 1);
    assert.deepEqual(multi, [], "flows seen by more than one worker");
    const c = await counters(WORKERS);
    console.log(`per worker: ${JSON.stringify(c)}`);
    assert.equal(
      WORKERS.reduce((s, w) => s + c[w].received, 0),
      expected.packets + noisePackets,
    );
    for (const w of WORKERS) {
      assert.equal(c[w].dropped, 0, `${w} dropped packets`);
      assert.ok(c[w].received > 0, `${w} received nothing`);
    }
  });

  it("keeps counting on the survivors after kill -9 of one worker", async () => {
    const before = await counters(["worker-1", "worker-2"]);
    procs.get("worker-3")?.child.kill("SIGKILL");
    assert.equal(await procs.get("worker-3")?.exited, null);
    await replay(lab, { host: "h1", trace: TRACE });
    const { trace, noisePackets } = await nextRecords();
    const byFlow = nodesByFlow(trace);
    assert.deepEqual(new Set([...byFlow.values()].flatMap((s) => [...s])), new Set(["worker-1", "worker-2"]));
    assert.deepEqual(
      [...byFlow.values()].filter((s) => s.size !== 1),
      [],
    );
    const now = await counters(["worker-1", "worker-2"]);
    const gained = (w: string) => now[w].received - before[w].received;
    assert.equal(gained("worker-1") + gained("worker-2"), expected.packets + noisePackets);
    assert.ok(gained("worker-1") > 0 && gained("worker-2") > 0);
    assert.equal(now["worker-1"].dropped + now["worker-2"].dropped, 0);
  });

  it("lets a new worker with the same name rejoin the group and receive packets", async () => {
    const t0 = Date.now();
    const w3 = await sim.start("worker-3", { iface: "mon0", fanoutId: 23, env: SIM_ENV });
    console.log(`rejoin: worker-3 RUNNING ${Date.now() - t0} ms after spawn`);
    procs.set("worker-3", w3);
    assert.ok(w3.running, w3.stderr());
    await replay(lab, { host: "h1", trace: TRACE });
    const { trace: records } = await nextRecords();
    const byFlow = nodesByFlow(records);
    assert.deepEqual(
      [...byFlow.values()].filter((s) => s.size !== 1),
      [],
    );
    assert.deepEqual(new Set(records.map((r) => r.node)), new Set(WORKERS));
    const c = await counters(["worker-3"]);
    assert.ok(c["worker-3"].received > 0);
    assert.equal(c["worker-3"].dropped, 0);
    const everything = new Set(readConnLog(sim.nodeFile("logger", "conn.log")).map((r) => r.node));
    assert.deepEqual(everything, new Set(WORKERS));
  });

  it("refuses the same fanout id on a second interface of the host", async () => {
    const w4 = await sim.start("worker-4", { iface: "mon1", fanoutId: 23, env: SIM_ENV });
    const code = await Promise.race([w4.exited, sleep(5000).then(() => "still running" as const)]);
    assert.notEqual(code, "still running");
    assert.notEqual(code, 0);
    assert.match(w4.stderr(), /problem with interface/);
    assert.equal(procs.get("worker-1")?.running, true);
  });
});
