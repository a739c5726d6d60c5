/**
 * The connections to one host: each carries at most `maxChannels` channels; callers queue for a
 * free channel, and a new connection is opened (through the shared connect limiter) only when
 * every open one is full, up to `maxConnections`. A dropped connection fails its channels'
 * commands with `UnreachableError` and is replaced on the next demand.
 */
import { UnreachableError } from "@zeekbus/contracts";
import type { Logger } from "@zeekbus/log";
import type { Client } from "ssh2";
import { type ConnectOptions, openConnection, type SshTarget } from "./connect.js";
import type { Semaphore } from "./semaphore.js";

/** One channel slot on a live connection. */
export interface Lease {
  client: Client;
  /** Frees the slot. */
  release(): void;
  /** The server refused a channel: this connection carries at most the channels now open. */
  shrink(): void;
  /** Called if the connection drops while the slot is held. */
  onLost(cb: (err: UnreachableError) => void): void;
}

interface Conn {
  client: Client;
  active: number;
  capacity: number;
  alive: boolean;
  lost: Set<(err: UnreachableError) => void>;
}

interface Waiter {
  resolve(lease: Lease): void;
  reject(err: Error): void;
}

/** Limits of a {@link HostPool}. */
export interface HostPoolLimits {
  maxChannels: number;
  maxConnections: number;
}

/** Pooled connections to one host. */
export class HostPool {
  private readonly conns: Conn[] = [];
  private readonly waiters: Waiter[] = [];
  private connecting = 0;
  private closed = false;
  /** A connect failed while other connections live: open no more until a channel frees up. */
  private holdOff = false;

  constructor(
    readonly target: SshTarget,
    private readonly limits: HostPoolLimits,
    private readonly connect: ConnectOptions,
    private readonly connectLimiter: Semaphore,
    private readonly log: Logger | undefined,
  ) {}

  /** Waits for a channel slot (opening a connection if needed). */
  acquire(): Promise<Lease> {
    if (this.closed)
      return Promise.reject(new UnreachableError(`ssh pool for host ${this.target.host} is closed`));
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.pump();
    });
  }

  /** True once {@link close} was called. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Number of open connections (for tests and metrics). */
  get connections(): number {
    return this.conns.length;
  }

  /** Closes every connection and fails queued callers. */
  close(): void {
    this.closed = true;
    for (const w of this.waiters.splice(0))
      w.reject(new UnreachableError(`ssh pool for host ${this.target.host} is closed`));
    for (const conn of this.conns.splice(0)) conn.client.end();
  }

  private pump(): void {
    while (this.waiters.length > 0) {
      const conn = this.conns.find((c) => c.alive && c.active < c.capacity);
      if (!conn) break;
      (this.waiters.shift() as Waiter).resolve(this.lease(conn));
    }
    while (
      !this.closed &&
      !this.holdOff &&
      this.waiters.length > this.connecting * this.limits.maxChannels &&
      this.conns.length + this.connecting < this.limits.maxConnections
    ) {
      this.openOne();
    }
  }

  private lease(conn: Conn): Lease {
    conn.active++;
    let held = true;
    let lostCb: ((err: UnreachableError) => void) | undefined;
    return {
      client: conn.client,
      release: () => {
        if (!held) return;
        held = false;
        conn.active--;
        this.holdOff = false;
        if (lostCb) conn.lost.delete(lostCb);
        this.pump();
      },
      shrink: () => {
        conn.capacity = Math.max(1, conn.active - 1);
      },
      onLost: (cb) => {
        lostCb = cb;
        conn.lost.add(cb);
      },
    };
  }

  private openOne(): void {
    this.connecting++;
    const started = Date.now();
    this.connectLimiter
      .acquire()
      .then(async (free) => {
        try {
          return await openConnection(this.target, this.connect);
        } finally {
          free();
        }
      })
      .then(
        (client) => {
          this.connecting--;
          this.log?.debug({ host: this.target.host, ms: Date.now() - started }, "ssh connected");
          if (this.closed) return void client.end();
          this.adopt(client);
          this.pump();
        },
        (err: Error) => {
          this.connecting--;
          // With no live connection the error reaches the waiting callers, who report it.
          const level = this.conns.length > 0 ? "warn" : "debug";
          this.log?.[level]({ host: this.target.host, err: err.message }, "ssh connect failed");
          if (this.conns.length === 0 && this.connecting === 0) {
            this.holdOff = false;
            for (const w of this.waiters.splice(0)) w.reject(err);
          } else {
            this.holdOff = true;
          }
          this.pump();
        },
      );
  }

  private adopt(client: Client): void {
    const conn: Conn = { client, active: 0, capacity: this.limits.maxChannels, alive: true, lost: new Set() };
    const drop = (why: string) => {
      if (!conn.alive) return;
      conn.alive = false;
      const i = this.conns.indexOf(conn);
      if (i >= 0) this.conns.splice(i, 1);
      this.log?.warn({ host: this.target.host, why }, "ssh connection lost");
      const err = new UnreachableError(`Lost ssh connection to host ${this.target.host}: ${why}`);
      for (const cb of conn.lost) cb(err);
      conn.lost.clear();
      client.destroy();
      this.pump();
    };
    client.on("error", (err) => drop(err.message));
    client.on("close", () => drop("connection closed"));
    client.on("end", () => drop("connection ended"));
    this.conns.push(conn);
  }
}
