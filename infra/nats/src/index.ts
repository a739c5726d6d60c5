export { NatsCluster, startNatsCluster } from "./cluster.js";
export { renderConfig, type ServerConfig } from "./config.js";
export { freePort, freePorts } from "./ports.js";
export { type ExitListener, NatsServer, type NatsServerOptions, startNatsServer } from "./server.js";
