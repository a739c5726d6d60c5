export { labDown } from "./down.js";
export * from "./errors.js";
export { type HostHealth, labHealth } from "./health.js";
export { type HostCommandOptions, hostCommand } from "./host/command.js";
export { readLab } from "./state.js";
export type { CaptureLink, LabHost, LabInfo, LabUpOptions } from "./types.js";
export { labUp } from "./up.js";
