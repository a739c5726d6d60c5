/** Pure parsers for the command outputs the facts are read from. */
import type { NetInterface } from "@zeekbus/contracts";

/** `nproc` output → CPU count; undefined when it is not a positive integer. */
export function parseCpuCount(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^[0-9]+$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return n >= 1 ? n : undefined;
}

/**
 * Output of {@link INTERFACES_SCRIPT} → interfaces by name with their rx queue counts.
 * Lines are `if <sysfs path of an interface>` for each interface and `q <sysfs path of an rx queue>` for each queue.
 */
export function parseInterfaces(text: string): NetInterface[] {
  const queues = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line.startsWith("if ")) {
      const m = /^\/sys\/class\/net\/([^/*]+)$/.exec(line.slice(3).trim());
      if (m?.[1] && !queues.has(m[1])) queues.set(m[1], 0);
    } else if (line.startsWith("q ")) {
      const m = /^\/sys\/class\/net\/([^/]+)\/queues\/rx-[0-9]+$/.exec(line.slice(2).trim());
      if (m?.[1] && queues.has(m[1])) queues.set(m[1], (queues.get(m[1]) ?? 0) + 1);
    }
  }
  return [...queues.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, count]) => ({ name, queues: count }));
}

/** `df -B1 --output=avail PATH` output → free bytes (the number on the line after the header). */
export function parseDfAvail(text: string): number | undefined {
  const lines = text.trim().split("\n");
  const value = lines[lines.length - 1]?.trim() ?? "";
  if (lines.length < 2 || !/^[0-9]+$/.test(value)) return undefined;
  return Number(value);
}

/** Lists interfaces and rx queues (constant; no data in it). */
export const INTERFACES_SCRIPT =
  'for i in /sys/class/net/*; do echo "if $i"; done; for q in /sys/class/net/*/queues/rx-*; do echo "q $q"; done';

/** `df` on the nearest existing ancestor of `$1` (the prefix arrives as a positional parameter). */
export const DF_SCRIPT =
  'p=$1; while [ ! -e "$p" ]; do p=$(dirname -- "$p"); done; exec df -B1 --output=avail -- "$p"';
