/**
 * The supervisor's own record of the processes it started, on local disk (one JSON file per
 * node, replaced atomically). After the supervisor restarts it adopts the processes listed
 * here whose identity still matches; the bus is not needed for that.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { issueLines } from "@zeekbus/bus";
import { encodeName, NodeSpec } from "@zeekbus/contracts";
import { z } from "zod";

/** One node's record. */
export const NodeRecord = z
  .object({
    spec: NodeSpec,
    /** The running process, when there is one. */
    process: z
      .object({
        pid: z.number().int().positive(),
        startTicks: z.number().int(),
        cmdline: z.array(z.string()),
        /** The node's arguments its command line ends with (older records: the spec's argv). */
        args: z.array(z.string()).optional(),
        startedAt: z.number(),
      })
      .optional(),
    /** Whether the operator wants it running (start) or not (stop). */
    expectRunning: z.boolean(),
  })
  .strict();
export type NodeRecord = z.infer<typeof NodeRecord>;

/** Per-node records under `<dir>/nodes/`. */
export class LocalStore {
  private readonly dir: string;
  constructor(stateDir: string) {
    this.dir = join(stateDir, "nodes");
    mkdirSync(this.dir, { recursive: true });
  }

  save(record: NodeRecord): void {
    const file = join(this.dir, `${encodeName(record.spec.name)}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify(record));
    renameSync(`${file}.tmp`, file);
  }

  remove(node: string): void {
    rmSync(join(this.dir, `${encodeName(node)}.json`), { force: true });
  }

  /** Every readable record; unreadable files are returned as problems, never thrown. */
  loadAll(): { records: NodeRecord[]; problems: string[] } {
    const records: NodeRecord[] = [];
    const problems: string[] = [];
    for (const f of readdirSync(this.dir).filter((n) => n.endsWith(".json"))) {
      try {
        const parsed = NodeRecord.safeParse(JSON.parse(readFileSync(join(this.dir, f), "utf8")));
        if (parsed.success) records.push(parsed.data);
        else problems.push(`${f}: ${issueLines(parsed.error).join("; ")}`);
      } catch (err) {
        problems.push(`${f}: ${(err as Error).message}`);
      }
    }
    return { records, problems };
  }
}
