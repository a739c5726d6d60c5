/**
 * The verbs of the `zeekbus` command and their shared options. Nothing here loads a verb's
 * code: each action imports its module when it runs, so `zeekbus --help` starts as fast as
 * commander does.
 */
import { Command, Option } from "commander";
import { registerControlCommands } from "./control/register.js";
import { registerRolloutCommands } from "./rollout/register.js";
import { registerServicesCommand } from "./services-cmd.js";
import { registerTopologyCommands } from "./topology/register.js";
import { registerUpCommand } from "./up/command.js";

/** Options every verb understands. */
export interface GlobalOptions {
  nats: string;
  cluster: string;
  json?: boolean;
}

/** The server every verb talks to when neither `--nats` nor `ZEEKBUS_NATS` names one. */
export const DEFAULT_NATS = "nats://127.0.0.1:4222";

/** Builds the program with every verb registered. */
export function buildProgram(): Command {
  const program = new Command("zeekbus")
    .description("Event-driven orchestrator for Zeek clusters on NATS")
    .addOption(
      new Option("--nats <urls>", "NATS server URL(s), comma-separated")
        .env("ZEEKBUS_NATS")
        .default(DEFAULT_NATS),
    )
    .addOption(new Option("--cluster <name>", "cluster name").env("ZEEKBUS_CLUSTER").default("default"))
    .option("--json", "print JSON instead of text")
    .showHelpAfterError();
  registerUpCommand(program);
  registerServicesCommand(program);
  registerTopologyCommands(program);
  registerControlCommands(program);
  registerRolloutCommands(program);
  return program;
}

/** The global options as seen from a subcommand. */
export function globalOptions(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals() as GlobalOptions;
}

/** True when the operator named a server (`--nats` or `ZEEKBUS_NATS`) rather than leaving the default. */
export function natsNamed(cmd: Command): boolean {
  return cmd.getOptionValueSourceWithGlobals("nats") !== "default";
}

/**
 * Runs a verb whose code is imported only now: `body` imports it and runs it. A failure, the
 * import's included, prints as zeekctl's do and exits 1 (see `runVerb`).
 */
export async function lazyVerb(cmd: Command, body: (g: GlobalOptions) => Promise<void>): Promise<void> {
  const g = globalOptions(cmd);
  const { runVerb } = await import("./verb.js");
  await runVerb(g.json, () => body(g));
}
