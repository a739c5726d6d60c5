/**
 * Writing into a pipe or socket whose reader may already be gone.
 *
 * A child that exits without reading its stdin (`ssh-keygen` that has no question to ask,
 * `true`) closes the read end of the pipe; a write still pending then fails with `EPIPE`, or
 * `ERR_STREAM_DESTROYED` once the stream is torn down. Node reports that as an 'error' event,
 * and an 'error' event nobody listens to ends the whole process. Every write into a child's
 * stdin, a socket or a stdout that may be closed goes through this module instead.
 */
import type { ChildProcess } from "node:child_process";
import type { Writable } from "node:stream";

/** Error codes meaning the other end stopped reading: the data has nowhere to go, nothing broke here. */
const READER_GONE = new Set(["EPIPE", "ECONNRESET", "ERR_STREAM_DESTROYED"]);

/** True when `err` says the reader of a pipe or socket has gone away. */
export function isReaderGone(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" && READER_GONE.has(code);
}

/** What to do when a guarded stream fails. */
export interface WriteGuard {
  /** Any error other than the reader going away. */
  onError(err: Error): void;
  /** The reader went away (default: nothing; the data is dropped). */
  onReaderGone?(err: Error): void;
}

/** Listens for the stream's errors: a reader that went away is not a crash; anything else goes to `onError`. */
export function guardWrites(stream: Writable, guard: WriteGuard): void {
  stream.on("error", (err: Error) => {
    if (isReaderGone(err)) guard.onReaderGone?.(err);
    else guard.onError(err);
  });
}

/**
 * Writes `input` into the child's stdin and closes it. A child that exits without reading it
 * all is not an error here: its exit status says whether it did its job. Other stdin errors go
 * to `onError`. The child must have been spawned with a piped stdin.
 */
export function feedStdin(child: ChildProcess, input: string | Buffer, onError: (err: Error) => void): void {
  const stdin = child.stdin;
  if (!stdin) throw new TypeError("feedStdin: the child was spawned without a piped stdin");
  guardWrites(stdin, { onError });
  stdin.end(input);
}
