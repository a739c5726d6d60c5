#!/usr/bin/env node
/** process-supervisor: one per sensor host; the only component that starts zeek. */
import { runServiceProcess } from "@zeekbus/bus";
import { readSupervisorEnv } from "./config.js";
import { supervise } from "./supervise.js";

await runServiceProcess("process-supervisor", (ctx) => supervise(ctx, readSupervisorEnv()));
