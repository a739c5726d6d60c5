/**
 * `zeekbus check-config <dir|file>`: offline validation of a zeekctl etc/ directory or a YAML/JSON
 * spec, with host lookups. Every problem is printed as `file:line: message`; exit 1 on any error.
 */
import { hasErrors } from "@zeekbus/config";
import { buildFromSource, keptInputs, systemLookup, toWireProblem } from "@zeekbus/topology";
import type { GlobalOptions } from "../program.js";
import { printJson, runVerb } from "../verb.js";
import { problemLines } from "./output.js";
import { readLocalSource } from "./source.js";

/** Runs check-config for `path`. */
export function checkConfig(g: GlobalOptions, path: string): Promise<void> {
  return runVerb(g.json, async () => {
    const local = await readLocalSource(path);
    const built = await buildFromSource(local.source, keptInputs(undefined), systemLookup());
    const problems = built.problems.map(toWireProblem).map((p) => ({ ...p, file: local.display(p.file) }));
    const ok = !hasErrors(built.problems);
    if (g.json) printJson({ ok, problems, nodes: built.topology?.specs ?? [] });
    else {
      for (const line of problemLines(problems, (f) => f)) process.stderr.write(`${line}\n`);
      if (ok)
        process.stdout.write(`${path}: configuration is ok (${built.topology?.nodes.length ?? 0} nodes)\n`);
    }
    if (!ok) process.exitCode = 1;
  });
}
