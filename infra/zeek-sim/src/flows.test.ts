import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { tracesDir } from "./fixtures.js";
import { cleanup, runSim, tempDir } from "./harness.js";
import { icmp, ipv4, ipv6, TCP, tcp, udp, vlan, writePcap } from "./pcap.js";

type Conn = Record<string, string>;

/** Runs `zeek -r` on the frames in a fresh dir and returns conn.log records keyed by field name. */
async function connLog(frames: Buffer[]): Promise<Conn[]> {
  const cwd = tempDir();
  writePcap(join(cwd, "in.pcap"), frames);
  const r = await runSim(["-r", "in.pcap", "-U", ".status"], { cwd });
  assert.equal(r.code, 0, r.stderr);
  return parseConn(join(cwd, "conn.log"));
}

function parseConn(file: string): Conn[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const fields =
    lines
      .find((l) => l.startsWith("#fields\t"))
      ?.split("\t")
      .slice(1) ?? [];
  return lines
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => Object.fromEntries(l.split("\t").map((v, i) => [fields[i] ?? `${i}`, v])));
}

const A = "10.99.1.1";
const B = "10.99.2.1";
const c2s = (payload: Buffer, proto = 6) => ipv4({ src: A, dst: B, proto, payload });
const s2c = (payload: Buffer, proto = 6) => ipv4({ src: B, dst: A, proto, payload });

describe("zeek-sim flow tracking (offline -r)", () => {
  after(cleanup);

  it("logs a full TCP connection as one SF flow with both directions", async () => {
    const data = Buffer.from("GET / HTTP/1.0\r\n\r\n");
    const conns = await connLog([
      c2s(tcp(40000, 80, TCP.SYN)),
      s2c(tcp(80, 40000, TCP.SYN | TCP.ACK)),
      c2s(tcp(40000, 80, TCP.ACK)),
      c2s(tcp(40000, 80, TCP.ACK | TCP.PSH, data)),
      s2c(tcp(80, 40000, TCP.ACK | TCP.PSH, Buffer.alloc(100))),
      c2s(tcp(40000, 80, TCP.FIN | TCP.ACK)),
      s2c(tcp(80, 40000, TCP.FIN | TCP.ACK)),
      c2s(tcp(40000, 80, TCP.ACK)),
    ]);
    assert.equal(conns.length, 1);
    const c = conns[0]!;
    assert.deepEqual(
      [c["id.orig_h"], c["id.orig_p"], c["id.resp_h"], c["id.resp_p"], c.proto, c.conn_state],
      [A, "40000", B, "80", "tcp", "SF"],
    );
    assert.equal(c.history, "ShADadFf");
    assert.equal(c.orig_bytes, String(data.length));
    assert.equal(c.resp_bytes, "100");
    assert.equal(c.orig_pkts, "5");
    assert.equal(c.resp_pkts, "3");
    assert.equal(c._node, "zeek");
    assert.match(c.uid ?? "", /^C[0-9A-Za-z]{17}$/);
  });

  it("distinguishes S0, REJ and a mid-stream flow oriented toward the server port", async () => {
    const conns = await connLog([
      c2s(tcp(40001, 22, TCP.SYN)),
      c2s(tcp(40002, 23, TCP.SYN)),
      s2c(tcp(23, 40002, TCP.RST | TCP.ACK)),
      s2c(tcp(443, 40003, TCP.ACK, Buffer.alloc(10))),
      c2s(tcp(40003, 443, TCP.ACK)),
    ]);
    const by = (p: string) => conns.find((c) => c["id.resp_p"] === p);
    assert.equal(by("22")?.conn_state, "S0");
    assert.equal(by("23")?.conn_state, "REJ");
    assert.equal(by("443")?.["id.orig_h"], A);
    assert.equal(by("443")?.conn_state, "OTH");
    assert.equal(conns.length, 3);
  });

  it("pairs UDP and ICMP echo request/reply, and keeps fragments with their datagram", async () => {
    const big = udp(5000, 53, Buffer.alloc(3000));
    const frags = [0, 1480, 2960].map((off) =>
      ipv4({
        src: A,
        dst: B,
        proto: 17,
        id: 77,
        fragOffset: off,
        moreFragments: off < 2960,
        payload: big.subarray(off, off + 1480),
      }),
    );
    const conns = await connLog([
      c2s(udp(5000, 53, Buffer.alloc(20)), 17),
      s2c(udp(53, 5000, Buffer.alloc(60)), 17),
      ...frags,
      c2s(icmp(8), 1),
      s2c(icmp(0), 1),
      c2s(Buffer.alloc(16), 47),
    ]);
    const udpConn = conns.find((c) => c.proto === "udp");
    assert.deepEqual([udpConn?.orig_pkts, udpConn?.resp_pkts, udpConn?.conn_state], ["4", "1", "SF"]);
    const icmpConn = conns.find((c) => c.proto === "icmp");
    assert.deepEqual(
      [icmpConn?.["id.orig_p"], icmpConn?.["id.resp_p"], icmpConn?.resp_pkts],
      ["8", "0", "1"],
    );
    assert.ok(conns.some((c) => c.proto === "unknown_transport"));
    assert.equal(conns.length, 3);
  });

  it("decodes VLAN-tagged frames", async () => {
    const conns = await connLog([
      vlan(c2s(udp(6000, 514, Buffer.alloc(10)), 17), 42),
      vlan(s2c(udp(514, 6000, Buffer.alloc(10)), 17), 42),
    ]);
    assert.equal(conns.length, 1);
    assert.deepEqual([conns[0]?.["id.resp_p"], conns[0]?.conn_state], ["514", "SF"]);
  });

  it("tracks IPv6 TCP and ICMPv6 echo", async () => {
    const [a, b] = ["2001:db8::1", "2001:db8::2"];
    const conns = await connLog([
      ipv6(a, b, 6, tcp(41000, 443, TCP.SYN)),
      ipv6(b, a, 6, tcp(443, 41000, TCP.SYN | TCP.ACK)),
      ipv6(a, b, 58, icmp(128)),
      ipv6(b, a, 58, icmp(129)),
    ]);
    const t6 = conns.find((c) => c.proto === "tcp");
    assert.deepEqual([t6?.["id.orig_h"], t6?.["id.resp_h"], t6?.conn_state], [a, b, "S1"]);
    const i6 = conns.find((c) => c.proto === "icmp");
    assert.deepEqual([i6?.["id.orig_p"], i6?.["id.resp_p"], i6?.resp_pkts], ["128", "129", "1"]);
  });

  it("logs the 49 HTTP sessions of methods.pcap", async (t) => {
    const traces = tracesDir();
    if (!traces) return t.skip("traces not found (set ZEEKBUS_TRACES)");
    const cwd = tempDir();
    const r = await runSim(["-r", join(traces, "methods.pcap")], { cwd });
    assert.equal(r.code, 0);
    const http = parseConn(join(cwd, "conn.log")).filter((c) => c["id.resp_p"] === "80");
    assert.equal(http.length, 49);
    assert.ok(http.every((c) => c.conn_state === "SF"));
  });

  it("fails like zeek on an unreadable trace", async () => {
    const r = await runSim(["-r", "/nonexistent.pcap", "-U", ".status"], { cwd: tempDir() });
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      "fatal error: problem with trace file /nonexistent.pcap (No such file or directory)\n",
    );
  });
});
