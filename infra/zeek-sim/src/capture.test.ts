import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { gunzipSync } from "node:zlib";
import {
  afPacketBlock,
  configText,
  layoutText,
  spoolDir,
  tracesDir,
  writeCluster,
  zeekctlArgs,
} from "./fixtures.js";
import {
  cleanup,
  connRecords,
  readStatus,
  runSim,
  scrapeWhenUp,
  startSim,
  tempDir,
  waitFor,
} from "./harness.js";
import { captureSkipReason, createNetns, deleteNetns, replay } from "./netns.js";

const ns = `zbsim-c${process.pid}`;
const traces = tracesDir();
const skip = captureSkipReason();

describe("zeek-sim capture (AF_PACKET in a throw-away netns)", { skip }, () => {
  let dir: string;
  let zeekpath: string;
  before(() => {
    createNetns(ns, [
      ["mon0", "tx0"],
      ["mon1", "tx1"],
    ]);
    dir = tempDir();
    const layout = layoutText([
      { name: "manager", type: "MANAGER", port: 27763, metricsPort: 9991 },
      { name: "logger", type: "LOGGER", port: 27764, metricsPort: 9992 },
      { name: "worker-1", type: "WORKER", port: 27765, metricsPort: 9993 },
      { name: "worker-2", type: "WORKER", port: 27766, metricsPort: 9994 },
      { name: "worker-3", type: "WORKER", port: 27767, metricsPort: 9995 },
    ]);
    zeekpath = writeCluster(dir, layout, configText(afPacketBlock("worker-3", { fanout_id: "24" })));
  });
  after(async () => {
    await cleanup();
    deleteNetns(ns);
  });

  const node = (name: string, args: string[], env: Record<string, string> = {}) =>
    startSim(args, {
      netns: ns,
      cwd: spoolDir(dir, name),
      env: { ZEEKPATH: zeekpath, CLUSTER_NODE: name, ...env },
    });
  const running = (name: string) =>
    waitFor(`${name} RUNNING`, () => readStatus(join(dir, "spool", name, ".status")) === "RUNNING [net_run]");

  it("fails like zeek when one fanout id spans two interfaces; a per-node id fixes it", async () => {
    const w1 = node("worker-1", ["-i", "af_packet::mon0", ...zeekctlArgs("worker-1")]);
    await running("worker-1");
    const r = await node("worker-2", ["-i", "af_packet::mon1", ...zeekctlArgs("worker-2")]).exited;
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      "fatal error: problem with interface af_packet::mon1 (failed to join fanout group: Invalid argument)\n",
    );
    assert.equal(readStatus(join(dir, "spool", "worker-2", ".status")), "TERMINATED [fatal_error]");
    const w3 = node("worker-3", ["-i", "af_packet::mon1", ...zeekctlArgs("worker-3")]);
    await running("worker-3");
    for (const w of [w1, w3]) {
      w.child.kill("SIGTERM");
      assert.equal((await w.exited).code, 0);
    }
  });

  it("applies fanout mode, DEFRAG flag and buffer size redefs (kernel group rules)", async () => {
    const w1 = node("worker-1", ["-i", "af_packet::mon0", ...zeekctlArgs("worker-1")]);
    await running("worker-1");
    const join23 = (redefs: string[]) =>
      runSim(["-i", "af_packet::mon0", ...redefs], { netns: ns, cwd: tempDir() });
    const einval =
      "fatal error: problem with interface af_packet::mon0 (failed to join fanout group: Invalid argument)\n";
    assert.equal((await join23(["AF_Packet::enable_defrag=T"])).stderr, einval);
    assert.equal((await join23(["AF_Packet::fanout_mode=AF_Packet::FANOUT_CPU"])).stderr, einval);
    const cwd = tempDir();
    const redefs = [
      "AF_Packet::enable_defrag=T",
      "AF_Packet::fanout_id=25",
      "AF_Packet::buffer_size=4*1024*1024",
    ];
    const own = startSim(["-i", "af_packet::mon0", "-U", ".status", ...redefs], { netns: ns, cwd });
    await waitFor("own group RUNNING", () => readStatus(join(cwd, ".status")) === "RUNNING [net_run]");
    for (const w of [w1, own]) w.child.kill("SIGTERM");
    const r = await own.exited;
    assert.equal(r.code, 0);
    assert.match(r.stderr, /^received termination signal$/m);
    assert.match(
      r.stderr,
      /^\d+ packets received on interface mon0, 0 \(0\.00%\) dropped, 0 \(0\.00%\) not processed$/m,
    );
    assert.equal((await w1.exited).code, 0);
  });

  it("ships each flow from exactly one of two fanout workers to the logger", async () => {
    const pcap = join(tempDir(), "echo-connections.pcap");
    writeFileSync(pcap, gunzipSync(readFileSync(join(traces ?? "", "echo-connections.pcap.gz"))));
    const workers = ["worker-1", "worker-2"].map((w) =>
      node(w, ["-i", "af_packet::mon0", ...zeekctlArgs(w)]),
    );
    await Promise.all(["worker-1", "worker-2"].map(running));
    const sent = replay(ns, "tx0", pcap);
    const logger = node("logger", zeekctlArgs("logger"));
    await running("logger");
    const stats = await Promise.all([9993, 9994].map((p) => scrapeWhenUp(p, ns)));
    const got = stats.map((s) => s.values.get("zeek_net_received_packets_total") ?? 0);
    assert.ok(got[0]! > 0 && got[1]! > 0, `both workers must see traffic: ${got}`);
    assert.ok(got[0]! + got[1]! >= sent.packets, `received ${got} of ${sent.packets} at ${sent.pps} pps`);
    for (const s of stats) assert.equal(s.values.get("zeek_net_dropped_packets_total"), 0);
    for (const w of workers) w.child.kill("SIGTERM");
    for (const w of workers) assert.equal((await w.exited).code, 0);
    const log = join(dir, "spool", "logger", "conn.log");
    await waitFor("500 flows in conn.log", () => connRecords(log).length >= 500);
    const owners = new Map<string, Set<string>>();
    for (const r of connRecords(log)) {
      const key = [r[2], r[3], r[4], r[5], r[6]].join(" ");
      owners.set(key, (owners.get(key) ?? new Set()).add(r.at(-1) ?? ""));
    }
    const shared = [...owners.values()].filter((s) => s.size > 1).length;
    assert.equal(shared, 0, "a flow was logged by two workers");
    const byNode = new Set([...owners.values()].flatMap((s) => [...s]));
    assert.deepEqual([...byNode].sort(), ["worker-1", "worker-2"]);
    logger.child.kill("SIGTERM");
    assert.equal((await logger.exited).code, 0);
  });

  it("crash-after=N packets raises SIGSEGV", async () => {
    const w = node("worker-1", ["-i", "af_packet::mon0", ...zeekctlArgs("worker-1")], {
      ZEEK_SIM_FAULTS: "crash-after=100pkts",
    });
    await running("worker-1");
    replay(ns, "tx0", join(traces ?? "", "methods.pcap"));
    assert.equal((await w.exited).signal, "SIGSEGV");
  });

  it("hang-after=N packets freezes the counters but keeps metrics up", async () => {
    const w = node("worker-1", ["-i", "af_packet::mon0", ...zeekctlArgs("worker-1")], {
      ZEEK_SIM_FAULTS: "hang-after=100pkts",
    });
    await running("worker-1");
    replay(ns, "tx0", join(traces ?? "", "methods.pcap"));
    const first = await scrapeWhenUp(9993, ns);
    replay(ns, "tx0", join(traces ?? "", "methods.pcap"));
    const second = await scrapeWhenUp(9993, ns);
    assert.equal(first.values.get("zeek_net_received_packets_total"), 100);
    assert.equal(second.values.get("zeek_net_received_packets_total"), 100);
    assert.equal(
      second.values.get("zeek_net_link_packets_total"),
      first.values.get("zeek_net_link_packets_total"),
    );
    assert.equal(w.child.exitCode, null);
    w.child.kill("SIGKILL");
    await w.exited;
  });

  it("stall-after=N packets freezes received counters while the link counter keeps rising", async () => {
    const w = node("worker-1", ["-i", "af_packet::mon0", ...zeekctlArgs("worker-1")], {
      ZEEK_SIM_FAULTS: "stall-after=100pkts",
    });
    await running("worker-1");
    replay(ns, "tx0", join(traces ?? "", "methods.pcap"));
    replay(ns, "tx0", join(traces ?? "", "methods.pcap"));
    const m = await waitFor("link counter past received", async () => {
      const s = await scrapeWhenUp(9993, ns);
      return (s.values.get("zeek_net_link_packets_total") ?? 0) > 1000 ? s : undefined;
    });
    assert.equal(m.values.get("zeek_net_received_packets_total"), 100);
    assert.equal(w.child.exitCode, null);
    w.child.kill("SIGKILL");
    await w.exited;
  });
});
