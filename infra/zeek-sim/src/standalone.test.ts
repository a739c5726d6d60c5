import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { tracesDir } from "./fixtures.js";
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
import { ipv4, udp, writePcap } from "./pcap.js";

const ns = `zbsim-s${process.pid}`;
const traces = tracesDir();
const skip = captureSkipReason();

describe("zeek-sim standalone capture (AF_PACKET in a throw-away netns)", { skip }, () => {
  before(() => {
    createNetns(ns, [
      ["mon0", "tx0"],
      ["mon1", "tx1"],
    ]);
  });
  after(async () => {
    await cleanup();
    deleteNetns(ns);
  });

  it("counts packets on a standalone worker and logs its flows", async () => {
    const cwd = tempDir();
    const args = ["-i", "af_packet::mon0", "-U", ".status", "-C", "Telemetry::metrics_port=9100/tcp"];
    const sim = startSim(args, { netns: ns, cwd });
    await waitFor("RUNNING", () => readStatus(join(cwd, ".status")) === "RUNNING [net_run]");
    // The line is written before .status says RUNNING, but reaches this process through a pipe.
    await waitFor("the listening line", () => sim.stderr() !== "");
    assert.match(sim.stderr(), /^<params>, line 1: listening on mon0\n/);
    const sent = replay(ns, "tx0", join(traces ?? "", "methods.pcap"));
    const m = await waitFor("all packets", async () => {
      const s = await scrapeWhenUp(9100, ns);
      return (s.values.get("zeek_net_received_packets_total") ?? 0) >= sent.packets ? s : undefined;
    });
    assert.equal(m.values.get("zeek_net_dropped_packets_total"), 0);
    sim.child.kill("SIGTERM");
    assert.equal((await sim.exited).code, 0);
    const tcp = connRecords(join(cwd, "conn.log")).filter((r) => r[6] === "tcp" && r[5] === "80");
    assert.ok(tcp.length >= 49, `only ${tcp.length} HTTP flows`);
    assert.ok(tcp.every((r) => r.at(-1) === "zeek"));
  });

  it("keeps up with tcpreplay --topspeed without kernel drops", async (t) => {
    const frames: Buffer[] = [];
    for (let i = 0; i < 300_000; i++) {
      const flow = i % 3000;
      const host = `10.99.${flow >> 8}.${flow & 255}`;
      frames.push(
        ipv4({ src: host, dst: "10.98.0.1", proto: 17, payload: udp(1024 + flow, 53, Buffer.alloc(18)) }),
      );
    }
    const pcap = join(tempDir(), "flood.pcap");
    writePcap(pcap, frames);
    const cwd = tempDir();
    const sim = startSim(["-i", "af_packet::mon0", "-U", ".status", "Telemetry::metrics_port=9101/tcp"], {
      netns: ns,
      cwd,
    });
    await waitFor("RUNNING", () => readStatus(join(cwd, ".status")) === "RUNNING [net_run]");
    const sent = replay(ns, "tx0", pcap);
    const m = await waitFor("all packets", async () => {
      const s = await scrapeWhenUp(9101, ns);
      return (s.values.get("zeek_net_received_packets_total") ?? 0) >= sent.packets ? s : undefined;
    });
    t.diagnostic(`${sent.packets} packets at ${Math.round(sent.pps)} pps`);
    assert.equal(m.values.get("zeek_net_dropped_packets_total"), 0);
    sim.child.kill("SIGTERM");
    assert.equal((await sim.exited).code, 0);
  });

  it("refuses an interface that does not exist or is down", async () => {
    const r = await runSim(["-i", "af_packet::nope0"], { netns: ns, cwd: tempDir() });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, "fatal error: problem with interface af_packet::nope0 (No such device)\n");
    const plain = await runSim(["-i", "nope0"], { netns: ns, cwd: tempDir() });
    assert.equal(plain.stderr, "fatal error: problem with interface nope0 (No such device)\n");
    execFileSync("ip", ["-n", ns, "link", "set", "mon1", "down"]);
    const down = await runSim(["-i", "af_packet::mon1"], { netns: ns, cwd: tempDir() });
    assert.equal(down.code, 1);
    assert.equal(down.stderr, "fatal error: problem with interface af_packet::mon1 (interface is down)\n");
    execFileSync("ip", ["-n", ns, "link", "set", "mon1", "up"]);
  });

  it("slow-packets overruns a small ring: kernel drops show in zeek_net_dropped_packets_total", async () => {
    const frames: Buffer[] = [];
    for (let i = 0; i < 100_000; i++) {
      frames.push(
        ipv4({
          src: "10.99.0.1",
          dst: "10.98.0.1",
          proto: 17,
          payload: udp(1024 + (i % 500), 53, Buffer.alloc(18)),
        }),
      );
    }
    const pcap = join(tempDir(), "burst.pcap");
    writePcap(pcap, frames);
    const cwd = tempDir();
    const args = [
      "-i",
      "af_packet::mon0",
      "Telemetry::metrics_port=9102/tcp",
      "AF_Packet::buffer_size=1024*1024",
    ];
    const sim = startSim(args, { netns: ns, cwd, env: { ZEEK_SIM_FAULTS: "slow-packets=50" } });
    await scrapeWhenUp(9102, ns);
    const sent = replay(ns, "tx0", pcap);
    const m = await waitFor(
      "drops and received add up",
      async () => {
        const s = await scrapeWhenUp(9102, ns);
        const rx = s.values.get("zeek_net_received_packets_total") ?? 0;
        const drops = s.values.get("zeek_net_dropped_packets_total") ?? 0;
        return rx + drops >= sent.packets ? s : undefined;
      },
      10000,
    );
    assert.ok((m.values.get("zeek_net_dropped_packets_total") ?? 0) > 0, "expected kernel drops");
    sim.child.kill("SIGTERM");
    assert.equal((await sim.exited).code, 0);
  });
});
