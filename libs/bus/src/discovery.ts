/** Service discovery through the micro-service `$SRV.INFO` protocol. */
import { Svcm } from "@nats-io/services";
import type { Bus } from "./connection.js";

/** One running service instance. */
export interface DiscoveredService {
  name: string;
  id: string;
  version: string;
  description: string;
  endpoints: { name: string; subject: string }[];
}

/** Lists every service instance that answers `$SRV.INFO` within the client's wait. */
export async function discoverServices(bus: Bus, name?: string): Promise<DiscoveredService[]> {
  const found: DiscoveredService[] = [];
  const it = await new Svcm(bus.nc).client({ strategy: "timer", maxWait: 500 }).info(name);
  for await (const info of it) {
    found.push({
      name: info.name,
      id: info.id,
      version: info.version,
      description: info.description ?? "",
      endpoints: info.endpoints.map((e) => ({ name: e.name, subject: e.subject })),
    });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
