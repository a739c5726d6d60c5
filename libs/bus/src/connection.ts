/**
 * Connecting to NATS: unlimited reconnects, a short ping interval so a dead server is noticed
 * within seconds, and one {@link Bus} object carrying the connection, subject builders and logger.
 */
import type { NatsConnection } from "@nats-io/nats-core";
import { connect } from "@nats-io/transport-node";
import { DEFAULT_ROOT, Subjects } from "@zeekbus/contracts";
import { createLogger, type Logger } from "@zeekbus/log";

/** Options of {@link connectBus}. */
export interface BusOptions {
  /** Server URLs (several for a cluster). */
  servers: string | string[];
  /** Connection name shown by the server (service or tool name). */
  name: string;
  /** Root token of every subject; default `zeekbus`. */
  root?: string;
  /** Ping interval in ms (≤ 20 s; default 10 s). */
  pingIntervalMs?: number;
  logger?: Logger;
}

/** A connection plus the project's subject builders and logger. */
export interface Bus {
  readonly nc: NatsConnection;
  readonly subjects: Subjects;
  readonly log: Logger;
  /** Drains subscriptions and closes the connection (closes at once when draining fails). */
  close(): Promise<void>;
}

/** The longest ping interval allowed: a dead server must be noticed quickly. */
export const MAX_PING_INTERVAL_MS = 20_000;

/** Connects with unlimited reconnects and logs connection status changes. */
export async function connectBus(options: BusOptions): Promise<Bus> {
  const pingInterval = options.pingIntervalMs ?? 10_000;
  if (pingInterval > MAX_PING_INTERVAL_MS)
    throw new RangeError(`pingIntervalMs must be ≤ ${MAX_PING_INTERVAL_MS}`);
  const log = options.logger ?? createLogger({ name: options.name });
  const nc = await connect({
    servers: options.servers,
    name: options.name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    pingInterval,
    maxPingOut: 2,
  });
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === "disconnect" || s.type === "reconnect" || s.type === "error") {
        log.info({ status: s.type, server: "server" in s ? s.server : undefined }, "nats connection status");
      }
    }
  })();
  return {
    nc,
    subjects: new Subjects(options.root ?? DEFAULT_ROOT),
    log,
    async close() {
      if (nc.isClosed()) return;
      try {
        await nc.drain();
      } catch {
        await nc.close();
      }
    },
  };
}
