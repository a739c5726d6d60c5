/** Registers zeekctl's control verbs; their code (verbs.ts) loads only when one of them runs. */
import type { Command } from "commander";
import { lazyVerb } from "../program.js";

type ControlVerb = "startVerb" | "stopVerb" | "restartVerb" | "statusVerb";

export function registerControlCommands(program: Command): void {
  const nodesVerb = (name: string, description: string, verb: ControlVerb) =>
    program
      .command(`${name} [nodes...]`)
      .description(description)
      .action((nodes: string[], _opts, cmd: Command) =>
        lazyVerb(cmd, async (g) => (await import("./verbs.js"))[verb](g, nodes)),
      );
  nodesVerb("start", "start nodes (loggers → manager → proxies → workers)", "startVerb");
  nodesVerb("stop", "stop nodes (workers → proxies → manager → loggers)", "stopVerb");
  nodesVerb("restart", "stop, then start nodes", "restartVerb");
  nodesVerb("status", "show node states (exit 1 unless all are running)", "statusVerb");
  program
    .command("unquarantine <node>")
    .description("let a quarantined node start again")
    .action((node: string, _opts, cmd: Command) =>
      lazyVerb(cmd, async (g) => (await import("./verbs.js")).unquarantineVerb(g, node)),
    );
}
