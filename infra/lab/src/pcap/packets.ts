import { checksum, finish, pseudoHeaderSum, sum16 } from "./checksum.js";

export const ETH_HLEN = 14;
export const IP_HLEN = 20;
export const TCP_HLEN = 20;
export const UDP_HLEN = 8;
export const PROTO_TCP = 6;
export const PROTO_UDP = 17;
export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;
/** Largest IP payload per fragment on a 1500-byte MTU (a multiple of 8). */
export const FRAGMENT_PAYLOAD = 1480;

export interface Endpoint {
  ip: number;
  port: number;
}

export const ipToString = (ip: number): string =>
  [ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255].join(".");

export function ipFromString(text: string): number {
  return text.split(".").reduce((acc, part) => acc * 256 + Number(part), 0) >>> 0;
}

function ethernet(buf: Buffer, src: number, dst: number): void {
  buf.writeUInt16BE(0x0200, 0);
  buf.writeUInt32BE(dst, 2);
  buf.writeUInt16BE(0x0200, 6);
  buf.writeUInt32BE(src, 8);
  buf.writeUInt16BE(0x0800, 12);
}

interface IpFields {
  src: number;
  dst: number;
  proto: number;
  id: number;
  /** Length of the IP payload in this packet. */
  payloadLength: number;
  /** Fragment offset in bytes (a multiple of 8). */
  offset?: number;
  moreFragments?: boolean;
}

function ipv4(buf: Buffer, f: IpFields): void {
  const o = ETH_HLEN;
  buf.writeUInt8(0x45, o);
  buf.writeUInt8(0, o + 1);
  buf.writeUInt16BE(IP_HLEN + f.payloadLength, o + 2);
  buf.writeUInt16BE(f.id & 0xffff, o + 4);
  buf.writeUInt16BE((f.moreFragments ? 0x2000 : 0) | ((f.offset ?? 0) >> 3), o + 6);
  buf.writeUInt8(64, o + 8);
  buf.writeUInt8(f.proto, o + 9);
  buf.writeUInt16BE(0, o + 10);
  buf.writeUInt32BE(f.src, o + 12);
  buf.writeUInt32BE(f.dst, o + 16);
  buf.writeUInt16BE(checksum(buf, o, o + IP_HLEN), o + 10);
}

export interface TcpSegment {
  seq: number;
  ack: number;
  flags: number;
  payload: Uint8Array;
}

/** An Ethernet/IPv4/TCP frame with valid IP and TCP checksums. */
export function tcpFrame(src: Endpoint, dst: Endpoint, seg: TcpSegment, id: number): Buffer {
  const l4 = ETH_HLEN + IP_HLEN;
  const len = TCP_HLEN + seg.payload.length;
  const buf = Buffer.alloc(l4 + len);
  ethernet(buf, src.ip, dst.ip);
  ipv4(buf, { src: src.ip, dst: dst.ip, proto: PROTO_TCP, id, payloadLength: len });
  buf.writeUInt16BE(src.port, l4);
  buf.writeUInt16BE(dst.port, l4 + 2);
  buf.writeUInt32BE(seg.seq >>> 0, l4 + 4);
  buf.writeUInt32BE(seg.ack >>> 0, l4 + 8);
  buf.writeUInt8((TCP_HLEN / 4) << 4, l4 + 12);
  buf.writeUInt8(seg.flags, l4 + 13);
  buf.writeUInt16BE(65535, l4 + 14);
  buf.set(seg.payload, l4 + TCP_HLEN);
  const sum = sum16(buf, l4, l4 + len, pseudoHeaderSum(src.ip, dst.ip, PROTO_TCP, len));
  buf.writeUInt16BE(finish(sum), l4 + 16);
  return buf;
}

/** The UDP header plus payload with a valid checksum (0 is sent as 0xffff). */
function udpDatagram(src: Endpoint, dst: Endpoint, payload: Uint8Array): Buffer {
  const len = UDP_HLEN + payload.length;
  const dgram = Buffer.alloc(len);
  dgram.writeUInt16BE(src.port, 0);
  dgram.writeUInt16BE(dst.port, 2);
  dgram.writeUInt16BE(len, 4);
  dgram.set(payload, UDP_HLEN);
  const sum = finish(sum16(dgram, 0, len, pseudoHeaderSum(src.ip, dst.ip, PROTO_UDP, len)));
  dgram.writeUInt16BE(sum === 0 ? 0xffff : sum, 6);
  return dgram;
}

/** An Ethernet/IPv4/UDP frame with valid checksums. */
export function udpFrame(src: Endpoint, dst: Endpoint, payload: Uint8Array, id: number): Buffer {
  return fragmentedUdpFrames(src, dst, payload, id, Number.MAX_SAFE_INTEGER)[0] as Buffer;
}

/** A UDP datagram split into IPv4 fragments of at most `fragmentPayload` bytes (a multiple of 8). */
export function fragmentedUdpFrames(
  src: Endpoint,
  dst: Endpoint,
  payload: Uint8Array,
  id: number,
  fragmentPayload = FRAGMENT_PAYLOAD,
): Buffer[] {
  const dgram = udpDatagram(src, dst, payload);
  const frames: Buffer[] = [];
  for (let offset = 0; offset < dgram.length; offset += fragmentPayload) {
    const piece = dgram.subarray(offset, Math.min(dgram.length, offset + fragmentPayload));
    const buf = Buffer.alloc(ETH_HLEN + IP_HLEN + piece.length);
    ethernet(buf, src.ip, dst.ip);
    const moreFragments = offset + piece.length < dgram.length;
    ipv4(buf, {
      src: src.ip,
      dst: dst.ip,
      proto: PROTO_UDP,
      id,
      payloadLength: piece.length,
      offset,
      moreFragments,
    });
    buf.set(piece, ETH_HLEN + IP_HLEN);
    frames.push(buf);
  }
  return frames;
}
