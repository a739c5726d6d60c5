/**
 * Registers `zeekbus up`, the all-in-one; its code (run.ts) loads only when it runs.
 *
 * With `--nats` or `ZEEKBUS_NATS`, `up` uses that server, as every other verb does. Without
 * either, it starts an embedded nats-server on `--nats-listen`:`--nats-port` (127.0.0.1:4222
 * by default). Giving both is refused: the embedded server's options would be ignored.
 */
import { type Command, InvalidArgumentError } from "commander";
import { globalOptions, natsNamed } from "../program.js";

interface UpOptions {
  stateDir: string;
  natsPort: number;
  natsListen: string;
}

function port(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new InvalidArgumentError("a port 0–65535");
  return n;
}

export function registerUpCommand(program: Command): void {
  program
    .command("up")
    .description("run zeekbus all-in-one: every service, and a nats-server unless --nats names one")
    .option("--state-dir <dir>", "where the services and the embedded server keep their state", ".zeekbus")
    .option("--nats-port <port>", "client port of the embedded server (0 = any free port)", port, 4222)
    .option(
      "--nats-listen <address>",
      "address the embedded server listens on (host agents on other machines must reach it)",
      "127.0.0.1",
    )
    .action(async (opts: UpOptions, cmd: Command) => {
      const g = globalOptions(cmd);
      const embeddedOptions = ["natsPort", "natsListen"].filter((o) => cmd.getOptionValueSource(o) === "cli");
      if (natsNamed(cmd) && embeddedOptions.length > 0)
        cmd.error(
          "error: --nats-port and --nats-listen configure the embedded nats-server; with --nats or ZEEKBUS_NATS, up uses that server instead",
        );
      const { runUp } = await import("./run.js");
      await runUp({
        cluster: g.cluster,
        stateDir: opts.stateDir,
        ...(natsNamed(cmd) ? { nats: g.nats } : { embedded: { host: opts.natsListen, port: opts.natsPort } }),
      });
    });
}
