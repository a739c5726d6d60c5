/** `zeekbus services`: every running service, found through `$SRV.INFO` discovery. */
import { discoverServices } from "@zeekbus/bus";
import type { GlobalOptions } from "./program.js";
import { printJson, withBus } from "./verb.js";

/** Prints the services that answer discovery. */
export function listServices(g: GlobalOptions): Promise<void> {
  return withBus(g, async (bus) => {
    const found = await discoverServices(bus);
    if (g.json) return printJson(found);
    console.log(`${"service".padEnd(20)} ${"version".padEnd(9)} ${"id".padEnd(24)} endpoints`);
    for (const s of found) {
      console.log(`${s.name.padEnd(20)} ${s.version.padEnd(9)} ${s.id.padEnd(24)} ${s.endpoints.length}`);
    }
  });
}
