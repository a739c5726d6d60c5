/** The services `zeekbus up` runs, each as its own child process. */
import { resolve } from "node:path";

/** A service process: its name, the module specifier of its entry point and extra environment. */
export interface ServiceLaunch {
  name: string;
  entry: string;
  env?: Record<string, string>;
}

/**
 * Every service that exists so far, in start order. The all-in-one supervises the local
 * machine as host `localhost` (node.cfg's usual name for it), keeping its state under `stateDir`.
 */
export function allInOneServices(stateDir: string): ServiceLaunch[] {
  return [
    { name: "topology", entry: "@zeekbus/topology/main" },
    { name: "provisioner", entry: "@zeekbus/provisioner/main" },
    {
      name: "process-supervisor",
      entry: "@zeekbus/process-supervisor/main",
      env: { ZEEKBUS_HOST: "localhost", ZEEKBUS_STATE_DIR: resolve(stateDir, "supervisor") },
    },
  ];
}
