/** The services `zeekbus up` runs, each as its own child process. */

/** A service process: its name and the module specifier of its entry point. */
export interface ServiceLaunch {
  name: string;
  entry: string;
}

/** Every service that exists so far, in start order. */
export const ALL_IN_ONE_SERVICES: readonly ServiceLaunch[] = [
  { name: "topology", entry: "@zeekbus/topology/main" },
];
