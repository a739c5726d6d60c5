export { readSupervisorEnv, type SupervisorEnv } from "./config.js";
export { HostSupervisor } from "./node/supervisor.js";
export { SUPERVISOR_VERSION, supervise } from "./supervise.js";
