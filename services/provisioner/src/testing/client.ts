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

/** Calls `facts`, `install`, `check` and `bootstrap` of the provisioner serving `cluster`. */
export function provisionerClient(bus: Bus, cluster: string, timeoutMs = 60_000) {
  const subject = (verb: string) => bus.subjects.api(cluster, "provisioner", verb);
  return {
    facts: (data: z.input<typeof ProvisionerFacts.data>) =>
      request(bus, subject("facts"), ProvisionerFacts, cluster, data, FactsReply, { timeoutMs }),
    install: (data: z.input<typeof ProvisionerInstall.data>) =>
      request(bus, subject("install"), ProvisionerInstall, cluster, data, InstallReply, { timeoutMs }),
    check: (data: z.input<typeof ProvisionerCheck.data>) =>
      request(bus, subject("check"), ProvisionerCheck, cluster, data, CheckReply, { timeoutMs }),
    bootstrap: (data: z.input<typeof ProvisionerBootstrap.data>) =>
      request(bus, subject("bootstrap"), ProvisionerBootstrap, cluster, data, BootstrapReply, { timeoutMs }),
  };
}
