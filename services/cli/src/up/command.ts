/**
 * `zeekbus up`: the all-in-one. Starts an embedded nats-server (unless `--nats` names one),
 * creates the events stream, runs every service as a child process, and stops everything
 * cleanly on SIGINT/SIGTERM.
 */
import { join } from "node:path";
import { connectBus, ensureEventsStream } from "@zeekbus/bus";
import { createLogger } from "@zeekbus/log";
import { type NatsServer, startNatsServer } from "@zeekbus/nats-infra";
import type { Command } from "commander";
import { globalOptions } from "../program.js";
import { ServiceChildren } from "./children.js";
import { allInOneServices } from "./services.js";

interface UpOptions {
  stateDir: string;
  natsPort: string;
  natsListen: string;
}

export function registerUpCommand(program: Command): void {
  program
    .command("up")
    .description("run zeekbus all-in-one: embedded nats-server and every service")
    .option("--state-dir <dir>", "where the embedded server keeps its store and log", ".zeekbus")
    .option("--nats-port <port>", "client port of the embedded server (0 = any free port)", "4222")
    .option(
      "--nats-listen <address>",
      "address the embedded server listens on (host agents on other machines must reach it)",
      "127.0.0.1",
    )
    .action(async (opts: UpOptions, cmd: Command) => {
      const g = globalOptions(cmd);
      const external = cmd.parent?.getOptionValueSource("nats") !== "default";
      await up({ ...opts, cluster: g.cluster, nats: external ? g.nats : undefined });
    });
}

async function up(opts: UpOptions & { cluster: string; nats: string | undefined }): Promise<void> {
  const log = createLogger({ name: "zeekbus-up" });
  let server: NatsServer | undefined;
  if (!opts.nats) {
    const port = Number(opts.natsPort);
    server = await startNatsServer({
      dir: join(opts.stateDir, "nats"),
      serverName: "zeekbus",
      host: opts.natsListen,
      ...(port > 0 ? { port, httpPort: port + 4000 } : {}),
    });
  }
  const url = opts.nats ?? server!.url;
  const bus = await connectBus({ servers: url.split(","), name: "zeekbus-up", logger: log });
  await ensureEventsStream(bus);
  await bus.close();

  const children = new ServiceChildren(
    { ...process.env, ZEEKBUS_NATS: url, ZEEKBUS_CLUSTER: opts.cluster },
    log,
  );
  const services = allInOneServices(opts.stateDir);
  for (const service of services) children.start(service);
  console.log(
    `zeekbus up: nats ${url}, cluster ${opts.cluster}, services ${services.map((s) => s.name).join(", ")}`,
  );

  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await children.stopAll();
  await server?.stop();
  console.log("zeekbus up: stopped");
  process.exit(0);
}
