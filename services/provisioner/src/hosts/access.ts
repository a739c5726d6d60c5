/** How the provisioner reaches a host: locally for loopback addresses, otherwise pooled SSH. */
import type { HostTarget } from "@zeekbus/contracts";
import { type HostExec, LocalExec, SshPool } from "@zeekbus/hostexec";
import type { Logger } from "@zeekbus/log";

/** Addresses that mean this machine (no SSH, as zeekctl never ssh's to local addresses). */
export const LOCAL_ADDRESSES: ReadonlySet<string> = new Set(["localhost", "127.0.0.1", "::1"]);

/** SSH settings shared by every host. */
export interface AccessOptions {
  user: string;
  keyPath: string;
  knownHostsPath: string;
  trustOnFirstUse: boolean;
  /** SSH port (default 22). */
  port?: number;
  logger?: Logger;
}

/** The address a target is reached by: its `address`, else its node.cfg name. */
export function addressOf(target: HostTarget): string {
  return target.address ?? target.host;
}

/** Hands out a {@link HostExec} per address; SSH connections stay pooled until {@link HostAccess.close}. */
export class HostAccess {
  private readonly pool: SshPool;

  constructor(private readonly options: AccessOptions) {
    this.pool = new SshPool({
      knownHostsPath: options.knownHostsPath,
      trustOnFirstUse: options.trustOnFirstUse,
      ...(options.logger ? { logger: options.logger } : {}),
    });
  }

  /** The executor for an address. */
  exec(address: string): HostExec {
    if (LOCAL_ADDRESSES.has(address)) return new LocalExec(address);
    return this.pool.host({
      host: address,
      username: this.options.user,
      keyPath: this.options.keyPath,
      ...(this.options.port ? { port: this.options.port } : {}),
    });
  }

  /** Closes every pooled connection. */
  close(): Promise<void> {
    return this.pool.close();
  }
}
