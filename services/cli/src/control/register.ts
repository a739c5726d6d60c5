/** Registers zeekctl's control verbs. */
import type { Command } from "commander";
import { globalOptions } from "../program.js";
import { runVerb } from "../verb.js";
import { restartVerb, startVerb, statusVerb, stopVerb, unquarantineVerb } from "./verbs.js";

export function registerControlCommands(program: Command): void {
  const nodesVerb = (name: string, description: string, run: typeof startVerb) =>
    program
      .command(`${name} [nodes...]`)
      .description(description)
      .action((nodes: string[], _opts, cmd: Command) => {
        const g = globalOptions(cmd);
        return runVerb(g.json, () => run(g, nodes));
      });
  nodesVerb("start", "start nodes (loggers → manager → proxies → workers)", startVerb);
  nodesVerb("stop", "stop nodes (workers → proxies → manager → loggers)", stopVerb);
  nodesVerb("restart", "stop, then start nodes", restartVerb);
  nodesVerb("status", "show node states (exit 1 unless all are running)", statusVerb);
  program
    .command("unquarantine <node>")
    .description("let a quarantined node start again")
    .action((node: string, _opts, cmd: Command) => {
      const g = globalOptions(cmd);
      return runVerb(g.json, () => unquarantineVerb(g, node));
    });
}
