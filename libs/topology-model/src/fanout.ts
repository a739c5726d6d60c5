/**
 * AF_PACKET fanout ids, one per (host, interface). Explicit `af_packet_fanout_id` always wins (the
 * same id on two interfaces of one host is an error: the kernel answers EINVAL); an id from the
 * previous revision is kept while free; otherwise the lowest free id from Zeek's default 23 up, so
 * the first interface of a host keeps 23 and renders nothing extra. Like zeekctl, af_packet_* keys
 * count only for lb_procs workers (zeekctl renders them for no other node).
 */
import { AF_PACKET_FANOUT_MEMBERS, type Problem } from "@zeekbus/config";
import type { ExpandedNode, FanoutAssignment, FanoutGroup } from "./types.js";

/** Zeek's default `AF_Packet::fanout_id`. */
export const DEFAULT_FANOUT_ID = 23;
/** Zeek's default `AF_Packet::fanout_mode`. */
export const DEFAULT_FANOUT_MODE = "AF_Packet::FANOUT_HASH";
const PREFIX = "af_packet::";

interface Draft {
  host: string;
  iface: string;
  members: ExpandedNode[];
  explicit?: number;
  mode: string;
}

const err = (n: ExpandedNode, key: string, message: string): Problem => ({
  level: "error",
  file: n.source.file,
  line: n.keyLines[key] ?? n.source.line,
  message,
});

function collect(nodes: readonly ExpandedNode[], problems: Problem[]): Draft[] {
  const drafts = new Map<string, Draft>();
  for (const n of nodes) {
    if (n.type === "standalone" || !n.interface?.startsWith(PREFIX)) continue;
    const iface = n.interface.slice(PREFIX.length);
    const key = `${n.host}\u0000${iface}`;
    let d = drafts.get(key);
    const settings = n.lbProcs !== undefined ? n.extra : {};
    if (n.lbProcs === undefined && Object.keys(n.extra).some((k) => k.startsWith("af_packet_"))) {
      problems.push({
        ...err(
          n,
          "",
          `af_packet_* options of node '${n.name}' are ignored without lb_procs (as zeekctl does)`,
        ),
        level: "warning",
      });
    }
    const mode = settings.af_packet_fanout_mode ?? DEFAULT_FANOUT_MODE;
    if (!d) {
      d = { host: n.host, iface, members: [], mode };
      drafts.set(key, d);
    } else if (d.mode !== mode) {
      problems.push(
        err(
          n,
          "af_packet_fanout_mode",
          `af_packet workers on host '${n.host}' interface '${iface}' use different fanout modes`,
        ),
      );
    }
    d.members.push(n);
    const raw = settings.af_packet_fanout_id;
    if (raw === undefined) continue;
    const id = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(id <= 65535)) {
      problems.push(
        err(
          n,
          "af_packet_fanout_id",
          `af_packet_fanout_id must be an integer from 0 to 65535 for node '${n.group}'`,
        ),
      );
    } else if (d.explicit !== undefined && d.explicit !== id) {
      problems.push(
        err(
          n,
          "af_packet_fanout_id",
          `af_packet workers on host '${n.host}' interface '${iface}' use different fanout ids`,
        ),
      );
    } else d.explicit = id;
  }
  return [...drafts.values()];
}

/** A group of more workers than the kernel lets join one fanout group (Zeek joins with the legacy 256). */
function checkGroupSize(d: Draft, problems: Problem[]): void {
  if (d.members.length <= AF_PACKET_FANOUT_MEMBERS) return;
  const last = d.members[AF_PACKET_FANOUT_MEMBERS]!;
  problems.push(
    err(
      last,
      "lb_procs",
      `${d.members.length} af_packet workers on host '${d.host}' interface '${d.iface}' join one fanout group; the kernel admits at most ${AF_PACKET_FANOUT_MEMBERS} (node '${last.name}' would be refused)`,
    ),
  );
}

/** Chooses one fanout id per (host, interface) of the af_packet workers; problems for clashes. */
export function assignFanout(
  nodes: readonly ExpandedNode[],
  previous: readonly FanoutAssignment[] = [],
): { groups: FanoutGroup[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const drafts = collect(nodes, problems);
  for (const d of drafts) checkGroupSize(d, problems);
  const used = new Map<string, Map<number, string>>();
  const usedOn = (host: string) => used.get(host) ?? used.set(host, new Map()).get(host)!;
  const ids = new Map<Draft, { id: number; origin: FanoutGroup["origin"] }>();
  for (const d of drafts) {
    if (d.explicit === undefined) continue;
    const other = usedOn(d.host).get(d.explicit);
    if (other !== undefined) {
      problems.push(
        err(
          d.members.find((m) => m.extra.af_packet_fanout_id !== undefined)!,
          "af_packet_fanout_id",
          `fanout id ${d.explicit} is used on both interface '${other}' and interface '${d.iface}' of host '${d.host}'`,
        ),
      );
    }
    usedOn(d.host).set(d.explicit, d.iface);
    ids.set(d, { id: d.explicit, origin: "explicit" });
  }
  for (const d of drafts) {
    if (ids.has(d)) continue;
    const prev = previous.find((p) => p.host === d.host && p.interface === d.iface)?.id;
    if (prev !== undefined && !usedOn(d.host).has(prev)) {
      usedOn(d.host).set(prev, d.iface);
      ids.set(d, { id: prev, origin: "previous" });
    }
  }
  for (const d of drafts) {
    if (ids.has(d)) continue;
    let id = DEFAULT_FANOUT_ID;
    while (usedOn(d.host).has(id)) id = (id + 1) % 65536;
    usedOn(d.host).set(id, d.iface);
    ids.set(d, { id, origin: "assigned" });
  }
  const groups = drafts.map((d) => ({
    host: d.host,
    interface: d.iface,
    id: ids.get(d)!.id,
    origin: ids.get(d)!.origin,
    mode: d.mode,
    members: d.members.map((m) => m.name),
  }));
  return { groups, problems };
}
