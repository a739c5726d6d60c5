import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { LabOptionError } from "../errors.js";
import { ipFromString, PROTO_TCP, PROTO_UDP, TCP_ACK, TCP_FIN, TCP_SYN } from "./packets.js";
import { type DecodedPacket, decodeFrame, flowKey, l4Verify, readPcap } from "./reader.js";
import { writeSyntheticPcap } from "./writer.js";

const OPTS = { flows: 100, packets: 10, udpShare: 0.3, fragments: 5, seed: 7 };

describe("synthetic pcap generator", () => {
  let dir: string;
  let file: string;
  let packets: DecodedPacket[];

  before(() => {
    dir = mkdtempSync(join(tmpdir(), "zb-pcap-"));
    file = join(dir, "a.pcap");
    writeSyntheticPcap({ ...OPTS, out: file });
    packets = readPcap(file).records.map((r) => decodeFrame(r.data) as DecodedPacket);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("writes a classic Ethernet pcap with flows x packets + 3 fragments per datagram", () => {
    const pcap = readPcap(file);
    assert.equal(readFileSync(file).readUInt32LE(0), 0xa1b2c3d4);
    assert.equal(pcap.linktype, 1);
    assert.equal(pcap.records.length, 100 * 10 + 5 * 3);
    assert.ok(packets.every((p) => p !== undefined));
    const ts = pcap.records.map((r) => r.tsSec * 1e6 + r.tsUsec);
    assert.ok(
      ts.every((t, i) => i === 0 || t > (ts[i - 1] ?? 0)),
      "timestamps increase",
    );
  });

  it("returns a matching summary", () => {
    const s = writeSyntheticPcap({ ...OPTS, out: join(dir, "b.pcap") });
    assert.deepEqual([s.packets, s.flows, s.fragmentedDatagrams], [1015, 105, 5]);
    assert.equal(s.bytes, readFileSync(join(dir, "b.pcap")).length);
  });

  it("has valid IPv4 and L4 checksums", () => {
    assert.ok(packets.every((p) => p.ipChecksumOk));
    const whole = packets.filter((p) => p.fragOffset === 0 && !p.moreFragments);
    assert.equal(whole.length, 1000);
    assert.ok(whole.every((p) => p.l4ChecksumOk === true));
  });

  it("uses only addresses in 10.99.0.0/16", () => {
    assert.ok(packets.every((p) => p.src.startsWith("10.99.") && p.dst.startsWith("10.99.")));
  });

  it("has N distinct flows with the requested UDP share, each seen in both directions", () => {
    const whole = packets.filter((p) => p.fragOffset === 0 && !p.moreFragments);
    const flows = new Map<string, DecodedPacket[]>();
    for (const p of whole) flows.set(flowKey(p), [...(flows.get(flowKey(p)) ?? []), p]);
    assert.equal(flows.size, 100);
    const udp = [...flows.values()].filter((f) => f[0]?.proto === PROTO_UDP);
    assert.equal(udp.length, 30);
    for (const f of flows.values()) {
      assert.equal(f.length, 10);
      assert.equal(new Set(f.map((p) => p.src)).size, 2, "both directions");
    }
  });

  it("opens TCP flows with a handshake and closes them with FIN both ways", () => {
    const tcp = new Map<string, DecodedPacket[]>();
    for (const p of packets.filter((q) => q.proto === PROTO_TCP)) {
      tcp.set(flowKey(p), [...(tcp.get(flowKey(p)) ?? []), p]);
    }
    assert.equal(tcp.size, 70);
    for (const f of tcp.values()) {
      const flags = f.map((p) => p.tcpFlags);
      assert.equal(flags[0], TCP_SYN);
      assert.equal(flags[1], TCP_SYN | TCP_ACK);
      const syn = f[0] as DecodedPacket;
      const synAck = f[1] as DecodedPacket;
      assert.equal(synAck.ipPayload.readUInt32BE(8), (syn.ipPayload.readUInt32BE(4) + 1) >>> 0);
      const fins = f.filter((p) => p.tcpFlags & TCP_FIN);
      assert.equal(fins.length, 2);
      assert.notEqual(fins[0]?.src, fins[1]?.src);
    }
  });

  it("fragments datagrams into 3 IPv4 fragments that reassemble to a valid UDP datagram", () => {
    const frags = packets.filter((p) => p.fragOffset > 0 || p.moreFragments);
    assert.equal(frags.length, 15);
    const groups = new Map<string, DecodedPacket[]>();
    for (const p of frags)
      groups.set(`${p.src}>${p.dst}#${p.id}`, [...(groups.get(`${p.src}>${p.dst}#${p.id}`) ?? []), p]);
    assert.equal(groups.size, 5);
    for (const g of groups.values()) {
      assert.deepEqual(
        g.map((p) => [p.fragOffset, p.moreFragments]),
        [
          [0, true],
          [1480, true],
          [2960, false],
        ],
      );
      const dgram = Buffer.concat(g.map((p) => p.ipPayload));
      assert.equal(dgram.length, 3008);
      assert.equal(dgram.readUInt16BE(4), 3008);
      const first = g[0] as DecodedPacket;
      assert.ok(l4Verify(dgram, ipFromString(first.src), ipFromString(first.dst), PROTO_UDP));
    }
  });

  it("is deterministic by seed", () => {
    writeSyntheticPcap({ ...OPTS, out: join(dir, "same.pcap") });
    writeSyntheticPcap({ ...OPTS, seed: 8, out: join(dir, "other.pcap") });
    assert.ok(readFileSync(file).equals(readFileSync(join(dir, "same.pcap"))));
    assert.ok(!readFileSync(file).equals(readFileSync(join(dir, "other.pcap"))));
  });

  it("truncates short TCP exchanges to the requested packet count", () => {
    const out = join(dir, "short.pcap");
    writeSyntheticPcap({ flows: 4, packets: 2, udpShare: 0, out });
    const flags = readPcap(out).records.map((r) => decodeFrame(r.data)?.tcpFlags ?? 0);
    assert.deepEqual(
      flags.sort((a, b) => a - b),
      [2, 2, 2, 2, 18, 18, 18, 18],
    );
  });

  it("rejects invalid options with a LabOptionError", () => {
    const out = join(dir, "bad.pcap");
    assert.throws(() => writeSyntheticPcap({ flows: 1, packets: 0, out }), LabOptionError);
    assert.throws(() => writeSyntheticPcap({ flows: 1, packets: 1, udpShare: 2, out }), LabOptionError);
    assert.throws(() => writeSyntheticPcap({ flows: -1, packets: 1, out }), LabOptionError);
  });

  it("passes tcpdump's own checksum verification", { skip: !hasTcpdump() }, () => {
    const r = spawnSync("tcpdump", ["-nn", "-vv", "-r", file], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.match(/^\d\d:\d\d:\d\d\.\d+ IP /gm)?.length, 1015);
    assert.equal(r.stdout.match(/cksum 0x[0-9a-f]+ \(correct\)|udp sum ok/g)?.length, 700 + 300);
    assert.doesNotMatch(r.stdout, /incorrect|bad cksum|bad udp cksum/);
  });
});

function hasTcpdump(): boolean {
  return spawnSync("tcpdump", ["--version"]).status === 0;
}
