import { readFileSync } from "node:fs";
import { flowKey } from "../pcap/reader.js";

export interface ConnRecord {
  key: string;
  proto: string;
  node: string;
  /** orig_pkts + resp_pkts */
  packets: number;
}

const PROTOS: Record<string, number> = { tcp: 6, udp: 17, icmp: 1 };

/** Parses a Zeek ASCII conn.log with the sim's trailing `_node` column; missing file = no records. */
export function readConnLog(path: string): ConnRecord[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return [];
  }
  const fieldsLine = text.split("\n").find((l) => l.startsWith("#fields\t"));
  const fields = fieldsLine?.split("\t").slice(1) ?? [];
  const columns = new Map(fields.map((name, i) => [name, i]));
  const records: ConnRecord[] = [];
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const f = line.split("\t");
    if (f.length !== fields.length) continue;
    const at = (name: string): string => f[columns.get(name) ?? -1] ?? "";
    const key = flowKey({
      proto: PROTOS[at("proto")] ?? 0,
      src: at("id.orig_h"),
      sport: Number(at("id.orig_p")),
      dst: at("id.resp_h"),
      dport: Number(at("id.resp_p")),
    });
    const packets = Number(at("orig_pkts")) + Number(at("resp_pkts"));
    records.push({ key, proto: at("proto"), node: at("_node"), packets });
  }
  return records;
}

/** For each flow key, the set of nodes that logged it. */
export function nodesByFlow(records: readonly ConnRecord[]): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const r of records) {
    const set = map.get(r.key) ?? new Set<string>();
    set.add(r.node);
    map.set(r.key, set);
  }
  return map;
}
