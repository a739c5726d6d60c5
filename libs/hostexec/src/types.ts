/**
 * The one interface the provisioner uses to act on a host, whether that host is this machine
 * ({@link LocalExec}) or a remote one reached over SSH ({@link SshExec}).
 */

/** Options of {@link HostExec.run}. */
export interface RunOptions {
  /** Kill the command and reject with `TimeoutError` after this many milliseconds (from the call). */
  timeoutMs?: number;
  /** Environment of the command. It gets a clean environment: `PATH` (default {@link DEFAULT_PATH}) plus these. */
  env?: Record<string, string>;
  /** Absolute working directory of the command. */
  cwd?: string;
  /** Written to the command's stdin, which is then closed (stdin is always closed, empty by default). */
  stdin?: string | Buffer;
  /** Called with each stdout chunk as it arrives. */
  onStdout?(chunk: Buffer): void;
  /** Called with each stderr chunk as it arrives. */
  onStderr?(chunk: Buffer): void;
  /** Aborting kills the command and rejects with the signal's reason (an `InternalError` unless it is a zeekbus error). */
  signal?: AbortSignal;
}

/** What a finished command left behind. A non-zero exit is a result, not an error. */
export interface RunResult {
  /** Exit status, or null when the command was ended by a signal. */
  code: number | null;
  /** Name of the signal that ended the command (`SIGKILL`), or null. */
  signal: string | null;
  /** All of stdout, decoded as UTF-8. */
  stdout: string;
  /** All of stderr, decoded as UTF-8. */
  stderr: string;
  /** Wall time from the call to the end, in milliseconds. */
  durationMs: number;
}

/** Options of {@link HostExec.writeFile}. */
export interface WriteFileOptions {
  /** Permission bits of the file (default 0o644). */
  mode?: number;
}

/** Options of {@link HostExec.swapDir}. */
export interface SwapDirOptions {
  /** Permission bits per relative path (default 0o644 for every file). */
  modes?: Record<string, number>;
}

/** Files of a directory: relative path (`a/b.zeek`, no `..`) → content. */
export type DirFiles = Record<string, string | Buffer>;

/** Runs commands and manages files on one host. Invalid input throws `ValidationError` synchronously. */
export interface HostExec {
  /** The host's name as used in errors and logs (`local` for this machine). */
  readonly host: string;
  /**
   * Runs `argv` (no shell interprets it: every element arrives verbatim as one argument),
   * streaming output, and resolves with its exit status once it ends.
   */
  run(argv: string[], opts?: RunOptions): Promise<RunResult>;
  /** Writes a whole file atomically: a temporary name in the same directory, then a rename. */
  writeFile(path: string, data: string | Buffer, opts?: WriteFileOptions): Promise<void>;
  /** Reads a whole file. */
  readFile(path: string): Promise<Buffer>;
  /**
   * Replaces directory `target` with exactly `files`: a complete new directory is written next to
   * it, then put in place by renaming a symlink over `target` (so `target` becomes a symlink to a
   * versioned sibling); the old version is removed only after the swap. The parent must exist.
   */
  swapDir(target: string, files: DirFiles, opts?: SwapDirOptions): Promise<void>;
  /** Releases connections; later calls fail. */
  close(): Promise<void>;
}

/** `PATH` a command gets unless `env.PATH` is given. */
export const DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
