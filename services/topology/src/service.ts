/** The topology micro service: its endpoints on `<root>.api.<cluster>.topology.<verb>`. */
import { type Bus, endpoint, ensureEventsStream, type RunningService, startService } from "@zeekbus/bus";
import { processOptionContext } from "@zeekbus/config";
import {
  ApplyReply,
  DeployReply,
  DesiredState,
  Plan,
  type RenderContext,
  RenderReply,
  TopologyApply,
  TopologyDeploy,
  TopologyGet,
  TopologyPlan,
  TopologyRender,
  TopologyValidate,
  ValidateReply,
} from "@zeekbus/contracts";
import { handleApply } from "./apply/apply.js";
import { serviceVersion } from "./config.js";
import { handleDeploy } from "./deploy/deploy.js";
import { DeployLeases } from "./deploy/lease.js";
import type { TopologyDeps } from "./deps.js";
import { handlePlan } from "./plan/plan.js";
import { handleRender } from "./render/render.js";
import { handleGet } from "./state/get.js";
import { DesiredStore } from "./state/store.js";
import { type Lookup, systemLookup } from "./validate/resolve.js";
import { handleValidate } from "./validate/validate.js";

/** Options of {@link startTopologyService}. */
export interface TopologyServiceOptions {
  cluster: string;
  /** Replicas of the desired bucket and events stream when they are created. */
  replicas?: number;
  /** Host resolver (default: the system resolver). */
  lookup?: Lookup;
  /** `$USER` and host name to render with (default: this process's, as zeekctl takes them). */
  renderContext?: RenderContext;
}

/** Opens the desired bucket, makes sure the events stream exists and starts serving. */
export async function startTopologyService(
  bus: Bus,
  options: TopologyServiceOptions,
): Promise<RunningService> {
  const { cluster } = options;
  const replicas = options.replicas ?? 1;
  await ensureEventsStream(bus, { replicas });
  const deps: TopologyDeps = {
    bus,
    cluster,
    store: await DesiredStore.open(bus, cluster, replicas),
    leases: await DeployLeases.open(bus, cluster, replicas),
    lookup: options.lookup ?? systemLookup(),
    renderContext: options.renderContext ?? processOptionContext(),
  };
  const subject = (verb: string) => bus.subjects.api(cluster, "topology", verb);
  return startService(bus, {
    name: "topology",
    version: serviceVersion(),
    description: "Validates cluster configs, stores desired revisions, plans and renders Zeek files",
    metadata: { cluster },
    endpoints: [
      endpoint({
        name: "validate",
        subject: subject("validate"),
        request: TopologyValidate,
        reply: ValidateReply,
        handler: (data) => handleValidate(deps, data),
      }),
      endpoint({
        name: "apply",
        subject: subject("apply"),
        request: TopologyApply,
        reply: ApplyReply,
        handler: (data) => handleApply(deps, data),
      }),
      endpoint({
        name: "deploy",
        subject: subject("deploy"),
        request: TopologyDeploy,
        reply: DeployReply,
        handler: (data) => handleDeploy(deps, data),
      }),
      endpoint({
        name: "get",
        subject: subject("get"),
        request: TopologyGet,
        reply: DesiredState,
        handler: () => handleGet(deps),
      }),
      endpoint({
        name: "plan",
        subject: subject("plan"),
        request: TopologyPlan,
        reply: Plan,
        handler: (data) => handlePlan(deps, data),
      }),
      endpoint({
        name: "render",
        subject: subject("render"),
        request: TopologyRender,
        reply: RenderReply,
        handler: (data) => handleRender(deps, data),
      }),
    ],
  });
}
