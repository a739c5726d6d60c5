import { closeSync, openSync, writeSync } from "node:fs";
import { type SyntheticOptions, syntheticFrames } from "./flows.js";

export const PCAP_MAGIC = 0xa1b2c3d4;
export const LINKTYPE_ETHERNET = 1;
const FLUSH_AT = 1 << 20;
const BASE_SECONDS = 1_700_000_000;
const STEP_USEC = 20;

export interface WritePcapOptions extends SyntheticOptions {
  out: string;
}

export interface PcapSummary {
  file: string;
  packets: number;
  bytes: number;
  flows: number;
  fragmentedDatagrams: number;
}

function globalHeader(): Buffer {
  const h = Buffer.alloc(24);
  h.writeUInt32LE(PCAP_MAGIC, 0);
  h.writeUInt16LE(2, 4);
  h.writeUInt16LE(4, 6);
  h.writeUInt32LE(65535, 16);
  h.writeUInt32LE(LINKTYPE_ETHERNET, 20);
  return h;
}

/** Writes a classic pcap (Ethernet, microseconds) of the synthetic trace described by `opts`. */
export function writeSyntheticPcap(opts: WritePcapOptions): PcapSummary {
  const fd = openSync(opts.out, "w");
  let chunks: Buffer[] = [globalHeader()];
  let pending = 24;
  let bytes = 24;
  let packets = 0;
  const flush = () => {
    writeSync(fd, Buffer.concat(chunks, pending));
    chunks = [];
    pending = 0;
  };
  try {
    for (const frame of syntheticFrames(opts)) {
      const usec = packets * STEP_USEC;
      const rec = Buffer.alloc(16);
      rec.writeUInt32LE(BASE_SECONDS + Math.floor(usec / 1e6), 0);
      rec.writeUInt32LE(usec % 1e6, 4);
      rec.writeUInt32LE(frame.length, 8);
      rec.writeUInt32LE(frame.length, 12);
      chunks.push(rec, frame);
      pending += 16 + frame.length;
      bytes += 16 + frame.length;
      packets++;
      if (pending >= FLUSH_AT) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
  const fragmentedDatagrams = opts.fragments ?? 0;
  return { file: opts.out, packets, bytes, flows: opts.flows + fragmentedDatagrams, fragmentedDatagrams };
}
