/** Registers `zeekbus services`; its code (services-list.ts) loads only when it runs. */
import type { Command } from "commander";
import { lazyVerb } from "./program.js";

export function registerServicesCommand(program: Command): void {
  program
    .command("services")
    .description("list running zeekbus services")
    .action((_opts, cmd: Command) =>
      lazyVerb(cmd, async (g) => (await import("./services-list.js")).listServices(g)),
    );
}
