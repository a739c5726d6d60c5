/** Test helper: typed calls to a provisioner's endpoints. */
import { type Bus, request } from "@zeekbus/bus";
import {
  BootstrapReply,
  CheckReply,
  FactsReply,
  InstallReply,
  ProvisionerBootstrap,
  ProvisionerCheck,
  ProvisionerFacts,
  ProvisionerInstall,
} from "@zeekbus/contracts";
import type { z } from "zod";

/** Calls `facts`, `install`, `check` and `bootstrap` of the provisioner serving `cluster` (`id`: the request id). */
export function provisionerClient(bus: Bus, cluster: string, timeoutMs = 60_000) {
  const subject = (verb: string) => bus.subjects.api(cluster, "provisioner", verb);
  const opts = (id?: string) => ({ timeoutMs, ...(id ? { id } : {}) });
  return {
    facts: (data: z.input<typeof ProvisionerFacts.data>, id?: string) =>
      request(bus, subject("facts"), ProvisionerFacts, cluster, data, FactsReply, opts(id)),
    install: (data: z.input<typeof ProvisionerInstall.data>, id?: string) =>
      request(bus, subject("install"), ProvisionerInstall, cluster, data, InstallReply, opts(id)),
    check: (data: z.input<typeof ProvisionerCheck.data>, id?: string) =>
      request(bus, subject("check"), ProvisionerCheck, cluster, data, CheckReply, opts(id)),
    bootstrap: (data: z.input<typeof ProvisionerBootstrap.data>, id?: string) =>
      request(bus, subject("bootstrap"), ProvisionerBootstrap, cluster, data, BootstrapReply, opts(id)),
  };
}
