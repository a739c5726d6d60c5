/** What every endpoint handler of the topology service works with. */
import type { Bus } from "@zeekbus/bus";
import type { RenderContext } from "@zeekbus/contracts";
import type { DeployLeases } from "./deploy/lease.js";
import type { DesiredStore } from "./state/store.js";
import type { Lookup } from "./validate/resolve.js";

/** The service's bus, cluster, desired-state store, host resolver and rendering context. */
export interface TopologyDeps {
  bus: Bus;
  cluster: string;
  store: DesiredStore;
  /** The cluster's deploy lease (one deploy at a time across topology instances). */
  leases: DeployLeases;
  lookup: Lookup;
  /** `$USER` and host name new revisions are rendered with (zeekctl's MailTo / MailFrom defaults). */
  renderContext: RenderContext;
}
