/** A tiny classic-pcap writer for test traffic: Ethernet + IPv4 with TCP, UDP, ICMP and fragments. */
import { writeFileSync } from "node:fs";

export interface Ip4 {
  src: string;
  dst: string;
  proto: number;
  payload: Buffer;
  id?: number;
  /** Fragment offset in bytes (multiple of 8) and the more-fragments flag. */
  fragOffset?: number;
  moreFragments?: boolean;
}

const addr = (a: string) => Buffer.from(a.split(".").map(Number));

export function ipv4(p: Ip4): Buffer {
  const h = Buffer.alloc(20);
  h[0] = 0x45;
  h.writeUInt16BE(20 + p.payload.length, 2);
  h.writeUInt16BE(p.id ?? 1, 4);
  h.writeUInt16BE(((p.fragOffset ?? 0) >> 3) | (p.moreFragments ? 0x2000 : 0), 6);
  h[8] = 64;
  h[9] = p.proto;
  addr(p.src).copy(h, 12);
  addr(p.dst).copy(h, 16);
  const eth = Buffer.from([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 8, 0]);
  return Buffer.concat([eth, h, p.payload]);
}

/** An IPv6 frame without extension headers; addresses in full or `::` form. */
export function ipv6(src: string, dst: string, proto: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(40);
  h[0] = 0x60;
  h.writeUInt16BE(payload.length, 4);
  h[6] = proto;
  h[7] = 64;
  addr6(src).copy(h, 8);
  addr6(dst).copy(h, 24);
  const eth = Buffer.from([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x86, 0xdd]);
  return Buffer.concat([eth, h, payload]);
}

function addr6(a: string): Buffer {
  const [head = "", tail = ""] = a.split("::");
  const words = (s: string) => (s ? s.split(":").map((w) => Number.parseInt(w, 16)) : []);
  const hi = words(head);
  const lo = words(tail);
  const all = [...hi, ...new Array(8 - hi.length - lo.length).fill(0), ...lo];
  const b = Buffer.alloc(16);
  all.forEach((w, i) => {
    b.writeUInt16BE(w, i * 2);
  });
  return b;
}

export const TCP = { FIN: 1, SYN: 2, RST: 4, PSH: 8, ACK: 16 } as const;

export function tcp(sport: number, dport: number, flags: number, data = Buffer.alloc(0)): Buffer {
  const h = Buffer.alloc(20);
  h.writeUInt16BE(sport, 0);
  h.writeUInt16BE(dport, 2);
  h[12] = 5 << 4;
  h[13] = flags;
  h.writeUInt16BE(65535, 14);
  return Buffer.concat([h, data]);
}

export function udp(sport: number, dport: number, data: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt16BE(sport, 0);
  h.writeUInt16BE(dport, 2);
  h.writeUInt16BE(8 + data.length, 4);
  return Buffer.concat([h, data]);
}

export function icmp(type: number, code = 0): Buffer {
  const h = Buffer.alloc(8);
  h[0] = type;
  h[1] = code;
  return h;
}

/** Inserts an 802.1Q tag after the MAC addresses of an Ethernet frame. */
export function vlan(frame: Buffer, id: number): Buffer {
  const tag = Buffer.from([0x81, 0x00, (id >> 8) & 0x0f, id & 0xff]);
  return Buffer.concat([frame.subarray(0, 12), tag, frame.subarray(12)]);
}

/** Writes frames 10 ms apart, starting at `start` seconds. */
export function writePcap(path: string, frames: Buffer[], start = 1_700_000_000): void {
  const gh = Buffer.alloc(24);
  gh.writeUInt32LE(0xa1b2c3d4, 0);
  gh.writeUInt16LE(2, 4);
  gh.writeUInt16LE(4, 6);
  gh.writeUInt32LE(65535, 16);
  gh.writeUInt32LE(1, 20);
  const parts: Buffer[] = [gh];
  frames.forEach((f, i) => {
    const rh = Buffer.alloc(16);
    rh.writeUInt32LE(start + Math.floor(i / 100), 0);
    rh.writeUInt32LE((i % 100) * 10_000, 4);
    rh.writeUInt32LE(f.length, 8);
    rh.writeUInt32LE(f.length, 12);
    parts.push(rh, f);
  });
  writeFileSync(path, Buffer.concat(parts));
}
