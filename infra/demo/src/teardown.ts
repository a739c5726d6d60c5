/**
 * Undo actions, registered as each resource comes into being and run in reverse order at the
 * end, whatever ended the demo (its duration, Ctrl-C, SIGTERM or a failed step). Every action
 * runs even when an earlier one failed; each is bounded in time so teardown cannot hang.
 */
import { info, warn } from "./say.js";

/** A step failed: the message says what and why, for the operator. */
export class DemoError extends Error {
  override name = "DemoError";
}

/** Ctrl-C or SIGTERM arrived while a step was running. */
export class Interrupted extends Error {
  override name = "Interrupted";
  constructor(signal = "SIGINT") {
    super(`interrupted by ${signal}`);
  }
}

/** Throws {@link Interrupted} once the demo has been asked to stop. */
export function checkStop(signal: AbortSignal): void {
  if (signal.aborted) throw new Interrupted(String(signal.reason ?? "SIGINT"));
}

interface Action {
  what: string;
  run: () => unknown;
  timeoutMs: number;
}

function bounded(action: Action): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`did not finish within ${action.timeoutMs / 1000} s`)),
      action.timeoutMs,
    );
  });
  return Promise.race([Promise.resolve().then(action.run), timeout]).finally(() => clearTimeout(timer));
}

/** The stack of undo actions. */
export class Teardown {
  private readonly actions: Action[] = [];

  /** Registers an undo action (run after every action registered later). */
  add(what: string, run: () => unknown, timeoutMs = 60_000): void {
    this.actions.push({ what, run, timeoutMs });
  }

  /** Runs every action, newest first; returns false when one of them failed. */
  async run(): Promise<boolean> {
    let ok = true;
    for (let action = this.actions.pop(); action; action = this.actions.pop()) {
      info(`teardown: ${action.what}`);
      try {
        await bounded(action);
      } catch (err) {
        ok = false;
        warn(`teardown step "${action.what}" failed: ${(err as Error).message}`);
      }
    }
    return ok;
  }
}
