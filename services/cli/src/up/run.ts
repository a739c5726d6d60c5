/**
 * `zeekbus up`: the all-in-one. Uses the named nats-server or starts an embedded one, creates
 * the events stream, runs every service as a child process, and stops everything cleanly on
 * SIGINT/SIGTERM (exit 0), when its output is lost (0 when the reader went away, else 1) or
 * when the embedded server is lost for good (exit 1).
 */
import { connectBus, ensureEventsStream } from "@zeekbus/bus";
import { createLogger } from "@zeekbus/log";
import { onOutputLost } from "../output.js";
import { ServiceChildren } from "./children.js";
import { type EmbeddedListen, type EmbeddedNats, startEmbeddedNats } from "./embedded-nats.js";
import { allInOneServices } from "./services.js";

/** What `up` runs: a named server (`nats`) or an embedded one listening on `embedded`. */
export type UpSettings = { cluster: string; stateDir: string } & (
  | { nats: string; embedded?: undefined }
  | { nats?: undefined; embedded: EmbeddedListen }
);

export async function runUp(settings: UpSettings): Promise<void> {
  const log = createLogger({ name: "zeekbus-up" });
  let finish!: (code: number) => void;
  const ended = new Promise<number>((resolve) => {
    finish = resolve;
  });
  process.once("SIGINT", () => finish(0));
  process.once("SIGTERM", () => finish(0));
  onOutputLost(finish);
  let embedded: EmbeddedNats | undefined;
  if (settings.embedded)
    embedded = await startEmbeddedNats(settings.stateDir, settings.embedded, log, () => finish(1));
  const url = settings.nats ?? embedded!.url;
  const bus = await connectBus({ servers: url.split(","), name: "zeekbus-up", logger: log });
  await ensureEventsStream(bus);
  await bus.close();

  const children = new ServiceChildren(
    { ...process.env, ZEEKBUS_NATS: url, ZEEKBUS_CLUSTER: settings.cluster },
    log,
  );
  const services = allInOneServices(settings.stateDir);
  for (const service of services) children.start(service);
  const where = embedded ? "embedded nats-server" : "nats-server named by --nats/ZEEKBUS_NATS";
  console.log(
    `zeekbus up: nats ${url}, cluster ${settings.cluster}, services ${services.map((s) => s.name).join(", ")} (${where})`,
  );

  const code = await ended;
  await children.stopAll();
  await embedded?.stop();
  console.log(code === 0 ? "zeekbus up: stopped" : "zeekbus up: stopped, the nats-server is gone");
  process.exit(code);
}
