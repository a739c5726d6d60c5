#!/usr/bin/env node
/** provisioner: host facts, install of policy files and checks, over SSH. */
import { runServiceProcess } from "@zeekbus/bus";
import { readProvisionerEnv } from "./config.js";
import { startProvisioner } from "./service.js";

await runServiceProcess("provisioner", async (ctx) => {
  const svc = await startProvisioner(ctx.bus, {
    cluster: ctx.env.ZEEKBUS_CLUSTER,
    settings: readProvisionerEnv(),
    replicas: ctx.env.ZEEKBUS_KV_REPLICAS,
    natsUrl: ctx.env.ZEEKBUS_NATS,
  });
  return () => svc.stop();
});
