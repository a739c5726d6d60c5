import { readFileSync } from "node:fs";
import { TraceError } from "../errors.js";
import { checksum, finish, pseudoHeaderSum, sum16 } from "./checksum.js";
import { ETH_HLEN, ipToString, PROTO_TCP, PROTO_UDP } from "./packets.js";
import { LINKTYPE_ETHERNET, PCAP_MAGIC } from "./writer.js";

export interface PcapRecord {
  tsSec: number;
  tsUsec: number;
  data: Buffer;
}

export interface PcapFile {
  linktype: number;
  snaplen: number;
  records: PcapRecord[];
}

/** Parses a little-endian classic pcap (the format the generator and tcpdump write). */
export function readPcap(file: string): PcapFile {
  const buf = readFileSync(file);
  if (buf.length < 24 || buf.readUInt32LE(0) !== PCAP_MAGIC)
    throw new TraceError(`${file}: not a classic pcap`);
  const records: PcapRecord[] = [];
  let o = 24;
  while (o + 16 <= buf.length) {
    const incl = buf.readUInt32LE(o + 8);
    if (o + 16 + incl > buf.length) throw new TraceError(`${file}: truncated record at byte ${o}`);
    records.push({
      tsSec: buf.readUInt32LE(o),
      tsUsec: buf.readUInt32LE(o + 4),
      data: buf.subarray(o + 16, o + 16 + incl),
    });
    o += 16 + incl;
  }
  return { linktype: buf.readUInt32LE(20), snaplen: buf.readUInt32LE(16), records };
}

export interface DecodedPacket {
  src: string;
  dst: string;
  proto: number;
  id: number;
  /** Fragment offset in bytes. */
  fragOffset: number;
  moreFragments: boolean;
  ipChecksumOk: boolean;
  /** Ports; 0 for non-first fragments. */
  sport: number;
  dport: number;
  tcpFlags: number;
  /** L4 checksum verdict; undefined for fragments (verify after reassembly). */
  l4ChecksumOk: boolean | undefined;
  /** IP payload of this packet. */
  ipPayload: Buffer;
}

/** Decodes an Ethernet/IPv4 frame; undefined for anything else. */
export function decodeFrame(frame: Buffer, linktype = LINKTYPE_ETHERNET): DecodedPacket | undefined {
  if (linktype !== LINKTYPE_ETHERNET || frame.length < ETH_HLEN + 20 || frame.readUInt16BE(12) !== 0x0800)
    return;
  const ip = ETH_HLEN;
  const ihl = (frame.readUInt8(ip) & 0x0f) * 4;
  const total = frame.readUInt16BE(ip + 2);
  const proto = frame.readUInt8(ip + 9);
  const frag = frame.readUInt16BE(ip + 6);
  const fragOffset = (frag & 0x1fff) * 8;
  const moreFragments = (frag & 0x2000) !== 0;
  const srcN = frame.readUInt32BE(ip + 12);
  const dstN = frame.readUInt32BE(ip + 16);
  const ipPayload = frame.subarray(ip + ihl, ip + total);
  const whole = fragOffset === 0 && !moreFragments;
  const first = fragOffset === 0 && ipPayload.length >= 4;
  let l4ChecksumOk: boolean | undefined;
  if (whole && (proto === PROTO_TCP || proto === PROTO_UDP))
    l4ChecksumOk = l4Verify(ipPayload, srcN, dstN, proto);
  return {
    src: ipToString(srcN),
    dst: ipToString(dstN),
    proto,
    id: frame.readUInt16BE(ip + 4),
    fragOffset,
    moreFragments,
    ipChecksumOk: checksum(frame, ip, ip + ihl) === 0,
    sport: first ? ipPayload.readUInt16BE(0) : 0,
    dport: first ? ipPayload.readUInt16BE(2) : 0,
    tcpFlags: proto === PROTO_TCP && whole && ipPayload.length >= 14 ? ipPayload.readUInt8(13) : 0,
    l4ChecksumOk,
    ipPayload,
  };
}

/** Verifies a TCP or UDP checksum over a complete L4 segment. */
export function l4Verify(segment: Buffer, src: number, dst: number, proto: number): boolean {
  return finish(sum16(segment, 0, segment.length, pseudoHeaderSum(src, dst, proto, segment.length))) === 0;
}

/** Direction-independent 5-tuple key, e.g. "6 10.99.1.1:1024 10.99.64.9:80". */
export function flowKey(p: {
  proto: number;
  src: string;
  sport: number;
  dst: string;
  dport: number;
}): string {
  const a = `${p.src}:${p.sport}`;
  const b = `${p.dst}:${p.dport}`;
  return a < b ? `${p.proto} ${a} ${b}` : `${p.proto} ${b} ${a}`;
}
