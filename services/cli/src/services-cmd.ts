/** `zeekbus services`: every running service, found through `$SRV.INFO` discovery. */
import { connectBus, discoverServices } from "@zeekbus/bus";
import type { Command } from "commander";
import { globalOptions } from "./program.js";

export function registerServicesCommand(program: Command): void {
  program
    .command("services")
    .description("list running zeekbus services")
    .action(async (_opts, cmd: Command) => {
      const g = globalOptions(cmd);
      const bus = await connectBus({ servers: g.nats.split(","), name: "zeekbus-cli" });
      try {
        const found = await discoverServices(bus);
        if (g.json) console.log(JSON.stringify(found, null, 2));
        else {
          console.log(`${"service".padEnd(20)} ${"version".padEnd(9)} ${"id".padEnd(24)} endpoints`);
          for (const s of found) {
            console.log(
              `${s.name.padEnd(20)} ${s.version.padEnd(9)} ${s.id.padEnd(24)} ${s.endpoints.length}`,
            );
          }
        }
      } finally {
        await bus.close();
      }
    });
}
