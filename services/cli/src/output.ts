/**
 * The command's stdout and stderr when writing to them fails: their reader has gone
 * (`zeekbus nodes | head -1`) or the disk is full. A verb then ends at once, as SIGPIPE would
 * end it, instead of crashing on the 'error' event; `up`, which runs children, asks to be told
 * instead, so that it stops them first.
 */
import { guardWrites } from "@zeekbus/pipes";

let lost: (code: number) => void = (code) => process.exit(code);

/** Replaces what happens when the output is lost (default: exit at once). `code` is 0 when its reader went away. */
export function onOutputLost(fn: (code: number) => void): void {
  lost = fn;
}

/** Guards stdout and stderr: a gone reader ends the command with 0, any other write error with 1. */
export function guardOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    guardWrites(stream, {
      onReaderGone: () => lost(0),
      onError: (err) => {
        if (stream === process.stdout) process.stderr.write(`Error: cannot write output: ${err.message}\n`);
        lost(1);
      },
    });
  }
}
