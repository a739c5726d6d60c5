#!/usr/bin/env node
/** `zeekbus`: the command-line client. Wire-up only; each verb lives in its own module. */
import { guardWrites } from "@zeekbus/pipes";
import { buildProgram } from "./program.js";

// `zeekbus nodes | head -1`: once the reader of the output is gone, stop as SIGPIPE would.
for (const stream of [process.stdout, process.stderr]) {
  guardWrites(stream, {
    onReaderGone: () => process.exit(),
    onError: (err) => {
      console.error(`Error: cannot write output: ${err.message}`);
      process.exit(1);
    },
  });
}

buildProgram()
  .parseAsync(process.argv)
  .catch((err: Error) => {
    console.error(`Error: ${err.message}`);
    process.exit(1);
  });
