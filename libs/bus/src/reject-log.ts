/**
 * Logging of rejected requests without flooding: per endpoint subject and error code, the first
 * `burst` rejections of a window are logged one by one; the rest are counted and, when the window
 * closes, summed up in one line (`suppressed 1995 similar errors on <subject>`). A burst of bad
 * requests therefore costs a bounded number of log lines, and none of it goes unmentioned.
 */
import type { ErrorCode } from "@zeekbus/contracts";
import type { Logger } from "@zeekbus/log";

/** How many rejections per subject and code are logged in full per window. */
export interface RejectLogOptions {
  /** Rejections logged in full per window (default 5). */
  burst: number;
  /** Window length in ms (default 10 s). */
  windowMs: number;
}

/** Defaults of {@link RejectLogOptions}. */
export const DEFAULT_REJECT_LOG: RejectLogOptions = { burst: 5, windowMs: 10_000 };

interface Window {
  logged: number;
  suppressed: number;
  timer: NodeJS.Timeout;
}

/** One service's rejection log. */
export class RejectLog {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly log: Logger,
    private readonly options: RejectLogOptions,
  ) {}

  /** Calls `write` unless this subject and code used up their burst in the current window. */
  record(subject: string, code: ErrorCode, write: () => void): void {
    const key = `${code} ${subject}`;
    let w = this.windows.get(key);
    if (!w) {
      const timer = setTimeout(() => this.close(key, subject, code), this.options.windowMs);
      timer.unref();
      w = { logged: 0, suppressed: 0, timer };
      this.windows.set(key, w);
    }
    if (w.logged < this.options.burst) {
      w.logged++;
      write();
    } else w.suppressed++;
  }

  /** Closes every open window now (the service stops), writing its summary. */
  flush(): void {
    for (const [key, w] of [...this.windows]) {
      clearTimeout(w.timer);
      const [code, subject] = key.split(" ") as [ErrorCode, string];
      this.close(key, subject, code);
    }
  }

  private close(key: string, subject: string, code: ErrorCode): void {
    const w = this.windows.get(key);
    this.windows.delete(key);
    if (!w || w.suppressed === 0) return;
    const fields = { subject, code, suppressed: w.suppressed };
    const line = `suppressed ${w.suppressed} similar errors on ${subject}`;
    if (code === "Internal") this.log.error(fields, line);
    else this.log.warn(fields, line);
  }
}
