/** Registers the topology verbs; each verb's module is loaded only when it runs. */
import type { Command } from "commander";
import { globalOptions } from "../program.js";

/** Adds check-config, nodes, config, plan, apply and render to the program. */
export function registerTopologyCommands(program: Command): void {
  program
    .command("check-config")
    .description("validate a zeekctl etc/ directory or a YAML/JSON spec offline")
    .argument("<path>", "zeekctl etc/ directory, or a YAML/JSON cluster spec")
    .action(async (path: string, _opts, cmd: Command) => {
      const { checkConfig } = await import("./check-config.js");
      await checkConfig(globalOptions(cmd), path);
    });
  program
    .command("nodes")
    .description("list every node as zeekctl's `nodes` does (current revision, or --config offline)")
    .option("--config <path>", "read this config instead of the cluster's current revision")
    .action(async (opts: { config?: string }, cmd: Command) => {
      const { nodes } = await import("./nodes.js");
      await nodes(globalOptions(cmd), opts.config);
    });
  program
    .command("config")
    .description("print every option as `key = value` (current revision, or --config offline)")
    .option("--config <path>", "read this config instead of the cluster's current revision")
    .action(async (opts: { config?: string }, cmd: Command) => {
      const { config } = await import("./nodes.js");
      await config(globalOptions(cmd), opts.config);
    });
  program
    .command("plan")
    .description("show what applying a config would change against the current revision")
    .argument("<path>", "zeekctl etc/ directory, or a YAML/JSON cluster spec")
    .action(async (path: string, _opts, cmd: Command) => {
      const { planVerb } = await import("./plan.js");
      await planVerb(globalOptions(cmd), path);
    });
  program
    .command("apply")
    .description("plan a config, then store it as the new desired revision")
    .argument("<path>", "zeekctl etc/ directory, or a YAML/JSON cluster spec")
    .action(async (path: string, _opts, cmd: Command) => {
      const { applyVerb } = await import("./plan.js");
      await applyVerb(globalOptions(cmd), path);
    });
  program
    .command("render")
    .description("write the Zeek files generated for the current revision into a directory")
    .requiredOption("--out <dir>", "directory to write the files into")
    .option("--host <host>", "files for this host")
    .option("--node <node>", "files for this node's host")
    .action(async (opts: { out: string; host?: string; node?: string }, cmd: Command) => {
      const { renderVerb } = await import("./render.js");
      await renderVerb(globalOptions(cmd), opts);
    });
}
