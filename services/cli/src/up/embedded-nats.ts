/**
 * The nats-server `zeekbus up` runs when no server is named. It is watched like the service
 * children: an exit `up` did not ask for is logged and the server started again after a pause,
 * with the same ports and store (the services reconnect by themselves). A restart that fails
 * is logged too and ends `up` through `onLost`.
 */
import { join } from "node:path";
import type { Logger } from "@zeekbus/log";
import { type NatsServer, startNatsServer } from "@zeekbus/nats-infra";

const RESTART_PAUSE_MS = 1000;

/** Where the embedded server listens; port 0 picks free ports. */
export interface EmbeddedListen {
  host: string;
  port: number;
}

/** A running embedded server and the means to stop it on purpose. */
export interface EmbeddedNats {
  url: string;
  stop(): Promise<void>;
}

/** Starts the server under `stateDir`/nats and keeps it running until `stop`. */
export async function startEmbeddedNats(
  stateDir: string,
  listen: EmbeddedListen,
  log: Logger,
  onLost: (err: Error) => void,
): Promise<EmbeddedNats> {
  const server: NatsServer = await startNatsServer({
    dir: join(stateDir, "nats"),
    serverName: "zeekbus",
    host: listen.host,
    ...(listen.port > 0 ? { port: listen.port, httpPort: listen.port + 4000 } : {}),
  });
  const logFile = join(server.dir, "nats.log");
  let stopping = false;
  let restarting = false;
  const restart = async () => {
    if (stopping) return;
    try {
      await server.start();
      log.warn({ url: server.url, pid: server.pid }, "nats-server restarted");
    } catch (err) {
      log.fatal({ err, log: logFile }, "nats-server could not be restarted; stopping");
      onLost(err as Error);
    } finally {
      restarting = false;
    }
  };
  server.onExit((code, signal) => {
    if (stopping || restarting) return;
    restarting = true;
    log.error({ code, signal, log: logFile }, "nats-server exited; restarting");
    setTimeout(() => void restart(), RESTART_PAUSE_MS);
  });
  return {
    url: server.url,
    async stop() {
      stopping = true;
      await server.stop();
    },
  };
}
