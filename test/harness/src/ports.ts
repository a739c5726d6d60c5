/**
 * Ports for a zeek-sim cluster that a test starts: below the kernel's ephemeral range, so no
 * outgoing connection of this machine (each holds a local port from that range, and keeps it in
 * TIME_WAIT for a minute) can have taken one before the node binds it.
 */
import { readFileSync } from "node:fs";

const LOWEST = 10_000;

/** First port of the kernel's ephemeral range (ip_local_port_range), 32768 when unreadable. */
export function ephemeralPortStart(): number {
  try {
    const first = Number(
      readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0],
    );
    return Number.isInteger(first) && first > LOWEST ? first : 32_768;
  } catch {
    return 32_768;
  }
}

/** A random first port of `span` consecutive ports, all below the ephemeral range. */
export function clusterPortBase(span = 1_000): number {
  const top = ephemeralPortStart() - span;
  return LOWEST + Math.floor(Math.random() * Math.max(1, top - LOWEST));
}
