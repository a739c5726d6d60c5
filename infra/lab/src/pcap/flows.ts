import { LabOptionError } from "../errors.js";
import {
  type Endpoint,
  fragmentedUdpFrames,
  ipFromString,
  TCP_ACK,
  TCP_FIN,
  TCP_PSH,
  TCP_SYN,
  tcpFrame,
  udpFrame,
} from "./packets.js";
import { Rng } from "./rng.js";

export interface SyntheticOptions {
  flows: number;
  /** Packets per flow (TCP flows need 6 for handshake and both FINs; fewer truncates the exchange). */
  packets: number;
  /** Share of UDP flows in [0, 1] (default 0.5). */
  udpShare?: number;
  /** Extra UDP datagrams of 3000 bytes sent as 3 IPv4 fragments each (default 0). */
  fragments?: number;
  seed?: number;
  /** Largest TCP/UDP payload of a data packet (default 512). */
  maxPayload?: number;
}

const CLIENT_NET = ipFromString("10.99.128.0");
const SERVER_NET = ipFromString("10.99.64.0");
const FRAGMENT_NET = ipFromString("10.99.32.0");
const TCP_PORTS = [80, 443, 22, 7000, 8080, 25];
const UDP_PORTS = [53, 123, 514, 2055, 5353];
const CLIENTS = 32766;
const WINDOW = 64;
const FRAGMENTED_SIZE = 3000;

function checkOptions(o: SyntheticOptions): void {
  const bad = (what: string) => {
    throw new LabOptionError(`pcap generator: ${what}`);
  };
  if (!Number.isInteger(o.flows) || o.flows < 0) bad(`flows must be an integer >= 0, got ${o.flows}`);
  if (!Number.isInteger(o.packets) || o.packets < 1) bad(`packets must be an integer >= 1, got ${o.packets}`);
  const share = o.udpShare ?? 0.5;
  if (!(share >= 0 && share <= 1)) bad(`udp share must be in [0, 1], got ${share}`);
  const frags = o.fragments ?? 0;
  if (!Number.isInteger(frags) || frags < 0 || frags > 65535)
    bad(`fragments must be in 0..65535, got ${frags}`);
  const max = o.maxPayload ?? 512;
  if (!Number.isInteger(max) || max < 1 || max > 1460) bad(`max payload must be in 1..1460, got ${max}`);
}

function tcpFlowFrames(rng: Rng, c: Endpoint, s: Endpoint, packets: number, maxPayload: number, id: number) {
  let cs = rng.int(0, 0xffffffff);
  let ss = rng.int(0, 0xffffffff);
  const empty = new Uint8Array(0);
  const frames: Buffer[] = [];
  const push = (fromClient: boolean, flags: number, payload: Uint8Array, advance = payload.length) => {
    const [src, dst, seq, ack] = fromClient ? [c, s, cs, ss] : [s, c, ss, cs];
    frames.push(
      tcpFrame(src, dst, { seq, ack: flags & TCP_ACK ? ack : 0, flags, payload }, id + frames.length),
    );
    if (fromClient) cs = (cs + advance) >>> 0;
    else ss = (ss + advance) >>> 0;
  };
  push(true, TCP_SYN, empty, 1);
  push(false, TCP_SYN | TCP_ACK, empty, 1);
  push(true, TCP_ACK, empty);
  for (let d = 0; d < packets - 6; d++)
    push(d % 2 === 0, TCP_PSH | TCP_ACK, rng.bytes(rng.int(1, maxPayload)));
  push(true, TCP_FIN | TCP_ACK, empty, 1);
  push(false, TCP_FIN | TCP_ACK, empty, 1);
  push(true, TCP_ACK, empty);
  return frames.slice(0, packets);
}

function udpFlowFrames(rng: Rng, c: Endpoint, s: Endpoint, packets: number, maxPayload: number, id: number) {
  const frames: Buffer[] = [];
  for (let p = 0; p < packets; p++) {
    const [src, dst] = p % 2 === 0 ? [c, s] : [s, c];
    frames.push(udpFrame(src, dst, rng.bytes(rng.int(1, maxPayload)), id + p));
  }
  return frames;
}

/** Is flow i a UDP flow? Spreads round(flows * share) UDP flows evenly. */
const isUdp = (i: number, share: number): boolean => Math.floor((i + 1) * share) > Math.floor(i * share);

/**
 * Yields the frames of the synthetic trace in send order: flows in windows of 64 that run
 * interleaved, then the fragmented datagrams. Deterministic for a given seed.
 */
export function* syntheticFrames(o: SyntheticOptions): Generator<Buffer> {
  checkOptions(o);
  const rng = new Rng(o.seed ?? 1);
  const share = o.udpShare ?? 0.5;
  const maxPayload = o.maxPayload ?? 512;
  const portBase = rng.int(0, 63999);
  for (let start = 0; start < o.flows; start += WINDOW) {
    const window: Buffer[][] = [];
    for (let i = start; i < Math.min(o.flows, start + WINDOW); i++) {
      const udp = isUdp(i, share);
      const client = {
        ip: CLIENT_NET + 1 + (i % CLIENTS),
        port: 1024 + ((Math.floor(i / CLIENTS) + portBase) % 64000),
      };
      const ports = udp ? UDP_PORTS : TCP_PORTS;
      const server = { ip: SERVER_NET + rng.int(1, 16382), port: ports[rng.int(0, ports.length - 1)] ?? 80 };
      const flow = udp ? udpFlowFrames : tcpFlowFrames;
      window.push(flow(rng, client, server, o.packets, maxPayload, rng.int(0, 0xffff)));
    }
    for (let p = 0; p < o.packets; p++) {
      for (const frames of window) {
        const frame = frames[p];
        if (frame) yield frame;
      }
    }
  }
  for (let j = 0; j < (o.fragments ?? 0); j++) {
    const client = { ip: FRAGMENT_NET + 1 + (j % 8190), port: 20000 + (j % 40000) };
    const server = { ip: SERVER_NET + rng.int(1, 16382), port: 2055 };
    yield* fragmentedUdpFrames(client, server, rng.bytes(FRAGMENTED_SIZE), j);
  }
}
