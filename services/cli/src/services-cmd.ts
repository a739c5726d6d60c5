/** `zeekbus services`: every running service, found through `$SRV.INFO` discovery. */
import { discoverServices } from "@zeekbus/bus";
import type { Command } from "commander";
import { globalOptions } from "./program.js";
import { printJson, runVerb, withBus } from "./verb.js";

export function registerServicesCommand(program: Command): void {
  program
    .command("services")
    .description("list running zeekbus services")
    .action((_opts, cmd: Command) => {
      const g = globalOptions(cmd);
      return runVerb(g.json, () =>
        withBus(g, async (bus) => {
          const found = await discoverServices(bus);
          if (g.json) return printJson(found);
          console.log(`${"service".padEnd(20)} ${"version".padEnd(9)} ${"id".padEnd(24)} endpoints`);
          for (const s of found) {
            console.log(
              `${s.name.padEnd(20)} ${s.version.padEnd(9)} ${s.id.padEnd(24)} ${s.endpoints.length}`,
            );
          }
        }),
      );
    });
}
