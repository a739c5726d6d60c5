#!/usr/bin/env node
/** `zeekbus`: the command-line client. Wire-up only; each verb lives in its own module. */
import { guardOutput } from "./output.js";
import { buildProgram } from "./program.js";

guardOutput();
buildProgram()
  .parseAsync(process.argv)
  .catch((err: Error) => {
    console.error(`Error: ${err.message}`);
    process.exit(1);
  });
