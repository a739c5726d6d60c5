/** Start and stop order of node roles: loggers → manager → proxies → workers; stop in reverse. */
import { type NodeType, START_ORDER } from "@zeekbus/contracts";

/** Groups items into tiers by role, in start order (empty tiers left out). */
export function tiers<T>(items: T[], typeOf: (item: T) => NodeType): T[][] {
  return START_ORDER.map((type) => items.filter((i) => typeOf(i) === type)).filter((tier) => tier.length > 0);
}
