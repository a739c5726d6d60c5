/**
 * Typed calls to the provisioner of one cluster. The deploy (topology), the CLI and the
 * provisioner's own tests use this instead of wiring subjects, messages and reply schemas.
 */
import { type Bus, request } from "@zeekbus/bus";
import {
  BootstrapReply,
  CheckReply,
  FactsReply,
  InstallReply,
  type MessageDef,
  ProvisionerBootstrap,
  ProvisionerCheck,
  ProvisionerFacts,
  ProvisionerInstall,
} from "@zeekbus/contracts";
import type { z } from "zod";

/** How long each verb may take for a whole cluster (mirroring Zeek dominates install). */
export const PROVISIONER_TIMEOUTS_MS = {
  facts: 60_000,
  check: 120_000,
  install: 600_000,
  bootstrap: 120_000,
};

type Verb = keyof typeof PROVISIONER_TIMEOUTS_MS;

/** The provisioner serving `cluster`; each call may name its request id (`id`). */
export class ProvisionerClient {
  constructor(
    private readonly bus: Bus,
    readonly cluster: string,
  ) {}

  private call<Req extends z.ZodType, Rep extends z.ZodType>(
    verb: Verb,
    def: MessageDef<Req>,
    data: z.input<Req>,
    reply: Rep,
    id?: string,
  ): Promise<z.output<Rep>> {
    const subject = this.bus.subjects.api(this.cluster, "provisioner", verb);
    const opts = { timeoutMs: PROVISIONER_TIMEOUTS_MS[verb], ...(id ? { id } : {}) };
    return request(this.bus, subject, def, this.cluster, data, reply, opts);
  }

  facts(data: z.input<typeof ProvisionerFacts.data>, id?: string): Promise<FactsReply> {
    return this.call("facts", ProvisionerFacts, data, FactsReply, id);
  }

  install(data: z.input<typeof ProvisionerInstall.data>, id?: string): Promise<InstallReply> {
    return this.call("install", ProvisionerInstall, data, InstallReply, id);
  }

  check(data: z.input<typeof ProvisionerCheck.data>, id?: string): Promise<CheckReply> {
    return this.call("check", ProvisionerCheck, data, CheckReply, id);
  }

  bootstrap(data: z.input<typeof ProvisionerBootstrap.data>, id?: string): Promise<BootstrapReply> {
    return this.call("bootstrap", ProvisionerBootstrap, data, BootstrapReply, id);
  }
}
