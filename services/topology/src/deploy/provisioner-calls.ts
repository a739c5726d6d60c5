/** The deploy's typed requests to the provisioner (check, install, bootstrap). */
import { type Bus, request } from "@zeekbus/bus";
import {
  BootstrapReply,
  CheckReply,
  type HostTarget,
  InstallReply,
  type InstallTarget,
  type NodeSpec,
  ProvisionerBootstrap,
  ProvisionerCheck,
  ProvisionerInstall,
  type StagedFiles,
} from "@zeekbus/contracts";
import type { z } from "zod";

/** How long each provisioner verb may take for a whole cluster (mirroring Zeek dominates install). */
export const PROVISIONER_TIMEOUTS_MS = { check: 120_000, install: 600_000, bootstrap: 120_000 };

/** Calls the provisioner of `cluster`. */
export class ProvisionerCalls {
  constructor(
    private readonly bus: Bus,
    private readonly cluster: string,
  ) {}

  private subject(verb: string): string {
    return this.bus.subjects.api(this.cluster, "provisioner", verb);
  }

  /** zeek parse-only of `only` (empty: one node per type) against the staged files. */
  check(nodes: NodeSpec[], stage: StagedFiles, only: string[] = []): Promise<CheckReply> {
    return request(
      this.bus,
      this.subject("check"),
      ProvisionerCheck,
      this.cluster,
      { nodes, stage, only },
      CheckReply,
      {
        timeoutMs: PROVISIONER_TIMEOUTS_MS.check,
      },
    );
  }

  install(hosts: z.input<typeof InstallTarget>[]): Promise<InstallReply> {
    return request(
      this.bus,
      this.subject("install"),
      ProvisionerInstall,
      this.cluster,
      { hosts },
      InstallReply,
      {
        timeoutMs: PROVISIONER_TIMEOUTS_MS.install,
      },
    );
  }

  bootstrap(hosts: HostTarget[]): Promise<BootstrapReply> {
    return request(
      this.bus,
      this.subject("bootstrap"),
      ProvisionerBootstrap,
      this.cluster,
      { hosts },
      BootstrapReply,
      { timeoutMs: PROVISIONER_TIMEOUTS_MS.bootstrap },
    );
  }
}
