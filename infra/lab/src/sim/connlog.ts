import { readFileSync } from "node:fs";
import { flowKey } from "../pcap/reader.js";

export interface ConnRecord {
  key: string;
  proto: string;
  node: string;
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
  const col = (name: string) => fields.indexOf(name);
  const [oh, op, rh, rp, pr, nd] = ["id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "_node"].map(
    col,
  );
  const records: ConnRecord[] = [];
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const f = line.split("\t");
    if (f.length !== fields.length) continue;
    const proto = f[pr ?? -1] ?? "";
    const key = flowKey({
      proto: PROTOS[proto] ?? 0,
      src: f[oh ?? -1] ?? "",
      sport: Number(f[op ?? -1]),
      dst: f[rh ?? -1] ?? "",
      dport: Number(f[rp ?? -1]),
    });
    records.push({ key, proto, node: f[nd ?? -1] ?? "" });
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
