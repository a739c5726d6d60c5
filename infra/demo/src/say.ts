/**
 * The demo's output: numbered step lines, indented detail lines and the time since the start,
 * so a reader can follow (and time) every phase. Everything goes to stdout, errors to stderr.
 */

const started = Date.now();
let stepNo = 0;
let lines = 0;

/** Lines printed so far (the live status redraws itself in place only if nothing came between). */
export function printedLines(): number {
  return lines;
}

/** Prints text as is, counting its lines. */
export function print(text: string): void {
  lines += text.split("\n").length;
  console.log(text);
}

/** Number of announced steps (the teardown is not counted). */
export const STEPS = 8;

/** Seconds since the demo started, e.g. ` 12.3s`. */
export function clock(): string {
  return `${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s`;
}

/** Announces the next step. */
export function step(text: string): void {
  stepNo += 1;
  print(`\n[${clock()}] ==> ${stepNo}/${STEPS} ${text}`);
}

/** A detail line under the current step. */
export function info(text: string): void {
  print(`[${clock()}]     ${text}`);
}

/** Lines of another program's output, indented under the current step. */
export function quote(text: string, mark = "│"): void {
  for (const line of text.replace(/\n$/, "").split("\n")) print(`          ${mark} ${line}`);
}

/** A problem that does not stop the demo (mostly during teardown). */
export function warn(text: string): void {
  lines += 1;
  console.error(`[${clock()}]     warning: ${text}`);
}

/** The error that ends the demo. */
export function fail(text: string): void {
  lines += 2 + (text.match(/\n/g)?.length ?? 0);
  console.error(`\n[${clock()}] ERROR: ${text}`);
}

/** Milliseconds as `1234 ms` or `12.3 s`. */
export function duration(ms: number): string {
  return ms < 10_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
