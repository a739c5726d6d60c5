export { readSupervisorEnv, type SupervisorEnv } from "./config.js";
export { HostSupervisor } from "./node/supervisor.js";
export { counterValue, receivedPackets } from "./readiness/metrics.js";
export { SUPERVISOR_VERSION, supervise } from "./supervise.js";
