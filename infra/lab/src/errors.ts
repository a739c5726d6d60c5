/** Base class of every error the lab raises; `name` is the subclass name. */
export class LabError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A spawned command exited non-zero or could not be started. */
export class CommandError extends LabError {
  constructor(
    readonly argv: readonly string[],
    readonly code: number | null,
    readonly stderr: string,
    context: string,
  ) {
    const detail = stderr.trim().split("\n").slice(-3).join(" | ");
    super(
      `${context}: \`${argv.join(" ")}\` exited with ${code ?? "a signal"}${detail ? `: ${detail}` : ""}`,
    );
  }
}

/** No lab state file in the lab directory, or it is unreadable. */
export class LabNotUpError extends LabError {}

/** A host name or interface that the lab does not have. */
export class UnknownHostError extends LabError {}

/** A sshd or namespace holder of one host failed to start. */
export class HostStartError extends LabError {}

/** A trace file that cannot be found or read. */
export class TraceError extends LabError {}

/** The caller lacks what the lab needs (root, tools). */
export class PreconditionError extends LabError {}

/** Invalid options for up, replay or the pcap generator. */
export class LabOptionError extends LabError {}
