export * from "./errors.js";
export * from "./tokens.js";
export * from "./node-spec.js";
