/** A configuration problem, reported with every other problem of the same input at once. */
import { z } from "zod";
import { Content, LineNumber, MAX_PATH } from "./limits.js";

/** One error or warning about an input file, with its location when the source has lines. */
export const Problem = z
  .object({
    /** `error` stops an apply; `warning` does not. */
    level: z.enum(["error", "warning"]).describe("error blocks the input; warning does not"),
    /** File name as the operator gave it (node.cfg, zeekctl.cfg, cluster.yaml …). */
    file: z.string().max(MAX_PATH).describe("File the problem is in"),
    /** 1-based line, when the source has lines. */
    line: LineNumber.optional().describe("1-based line number"),
    /** The message, in zeekctl's words where zeekctl has one; it may quote a whole value (up to MAX_ARG). */
    message: Content.describe("What is wrong"),
  })
  .strict();
export type Problem = z.infer<typeof Problem>;
