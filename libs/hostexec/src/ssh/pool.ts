/**
 * SSH connection pooling across hosts: one {@link HostPool} per target and one limiter on
 * parallel connects shared by all of them (sshd's MaxStartups counts unauthenticated connections).
 */
import type { Logger } from "@zeekbus/log";
import type { SshTarget } from "./connect.js";
import { HostPool } from "./host-pool.js";
import { Semaphore } from "./semaphore.js";
import { SshExec } from "./ssh-exec.js";

/** Limits and trust settings of an {@link SshPool}. Defaults are in {@link POOL_DEFAULTS}. */
export interface SshPoolOptions {
  /** OpenSSH known_hosts file holding the pinned host keys. */
  knownHostsPath: string;
  /** Accept and append keys of hosts not in the file (default false). Changed keys are refused regardless. */
  trustOnFirstUse?: boolean;
  /** Channels (commands, SFTP sessions) per connection; keep below sshd's MaxSessions (10). */
  maxChannelsPerConnection?: number;
  /** Connections per host, opened only when every open one is full. */
  maxConnectionsPerHost?: number;
  /** Connection attempts in flight across all hosts; keep below sshd's MaxStartups (10). */
  maxParallelConnects?: number;
  /** Bound on connect + handshake + authentication, in milliseconds. */
  connectTimeoutMs?: number;
  /** SSH keepalive interval, so a dead peer is noticed, in milliseconds. */
  keepaliveIntervalMs?: number;
  logger?: Logger;
}

/** Defaults of {@link SshPoolOptions}. */
export const POOL_DEFAULTS = {
  trustOnFirstUse: false,
  maxChannelsPerConnection: 8,
  maxConnectionsPerHost: 4,
  maxParallelConnects: 10,
  connectTimeoutMs: 5000,
  keepaliveIntervalMs: 5000,
} as const;

/** Pooled SSH access to many hosts. */
export class SshPool {
  private readonly hosts = new Map<string, HostPool>();
  private readonly connectLimiter: Semaphore;
  private readonly opts: Required<Omit<SshPoolOptions, "logger">> & { logger?: Logger };

  constructor(options: SshPoolOptions) {
    this.opts = { ...POOL_DEFAULTS, ...options };
    this.connectLimiter = new Semaphore(this.opts.maxParallelConnects);
  }

  /** The {@link SshExec} for a target (the same pool for the same user, host and port). */
  host(target: SshTarget): SshExec {
    const key = poolKey(target);
    let pool = this.hosts.get(key);
    if (!pool || pool.isClosed) {
      pool = new HostPool(
        target,
        { maxChannels: this.opts.maxChannelsPerConnection, maxConnections: this.opts.maxConnectionsPerHost },
        {
          knownHostsPath: this.opts.knownHostsPath,
          trustOnFirstUse: this.opts.trustOnFirstUse,
          connectTimeoutMs: this.opts.connectTimeoutMs,
          keepaliveIntervalMs: this.opts.keepaliveIntervalMs,
        },
        this.connectLimiter,
        this.opts.logger?.child({ host: target.host }),
      );
      this.hosts.set(key, pool);
    }
    return new SshExec(pool);
  }

  /** Open connections to a target (for tests and metrics). */
  connections(target: SshTarget): number {
    return this.hosts.get(poolKey(target))?.connections ?? 0;
  }

  /** Closes every connection of every host. */
  async close(): Promise<void> {
    for (const pool of this.hosts.values()) pool.close();
    this.hosts.clear();
  }
}

function poolKey(target: SshTarget): string {
  return `${target.username}@${target.host}:${target.port ?? 22} ${target.keyPath ?? "(key given inline)"}`;
}
