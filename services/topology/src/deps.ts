/** What every endpoint handler of the topology service works with. */
import type { Bus } from "@zeekbus/bus";
import type { DeployLeases } from "./deploy/lease.js";
import type { DesiredStore } from "./state/store.js";
import type { Lookup } from "./validate/resolve.js";

/** The service's bus, cluster, desired-state store and host resolver. */
export interface TopologyDeps {
  bus: Bus;
  cluster: string;
  store: DesiredStore;
  /** The cluster's deploy lease (one deploy at a time across topology instances). */
  leases: DeployLeases;
  lookup: Lookup;
}
