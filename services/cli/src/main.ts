#!/usr/bin/env node
/** `zeekbus`: the command-line client. Wire-up only; each verb lives in its own module. */
import { buildProgram } from "./program.js";

buildProgram()
  .parseAsync(process.argv)
  .catch((err: Error) => {
    console.error(`Error: ${err.message}`);
    process.exit(1);
  });
