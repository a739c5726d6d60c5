#!/usr/bin/env node
/** The topology service process. Wire-up only. */
import { runServiceProcess } from "@zeekbus/bus";
import { readTopologySettings } from "./config.js";
import { startTopologyService } from "./service.js";
import { systemLookup } from "./validate/resolve.js";

void runServiceProcess("topology", async ({ bus, env }) => {
  const settings = readTopologySettings();
  const service = await startTopologyService(bus, {
    cluster: env.ZEEKBUS_CLUSTER,
    replicas: env.ZEEKBUS_KV_REPLICAS,
    lookup: systemLookup(settings.ZEEKBUS_DNS_TIMEOUT_MS),
  });
  return () => service.stop();
});
