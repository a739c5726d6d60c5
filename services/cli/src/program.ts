/** The verbs of the `zeekbus` command and their shared options. */
import { Command } from "commander";
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

/** Builds the program with every verb registered. */
export function buildProgram(): Command {
  const program = new Command("zeekbus")
    .description("Event-driven orchestrator for Zeek clusters on NATS")
    .option(
      "--nats <urls>",
      "NATS server URL(s), comma-separated",
      process.env.ZEEKBUS_NATS ?? "nats://127.0.0.1:4222",
    )
    .option("--cluster <name>", "cluster name", process.env.ZEEKBUS_CLUSTER ?? "default")
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
