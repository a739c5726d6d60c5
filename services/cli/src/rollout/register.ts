/** Registers deploy, install and check; the module runs only when one of them is called. */
import type { Command } from "commander";
import { lazyVerb } from "../program.js";
import type { RolloutOptions } from "./rollout.js";

/** Adds zeekctl's deploy, install and check verbs. */
export function registerRolloutCommands(program: Command): void {
  const verb = (name: "deploy" | "install" | "check", description: string, dryRun: boolean) => {
    const command = program
      .command(name)
      .description(description)
      .argument("<path>", "zeekctl etc/ directory, or a YAML/JSON cluster spec")
      .option(
        "--site <dir>",
        "site policy scripts (default: site/ in the config dir, or ../share/zeek/site)",
      );
    if (dryRun) command.option("--dry-run", "print the plan only; nothing is checked, installed or started");
    command.action((path: string, opts: RolloutOptions, cmd: Command) =>
      lazyVerb(cmd, async (g) => (await import("./rollout.js")).rolloutVerb(g, name, path, opts)),
    );
  };
  verb("deploy", "check, install and start a config; later deploys restart only what changed", true);
  verb("install", "mirror Zeek and install the generated files and site policies on every host", false);
  verb("check", "check the config's scripts with zeek parse-only on the hosts (one node per type)", false);
}
