/**
 * `zeekbus render --out DIR [--host H | --node N]`: writes the Zeek files generated for the
 * current revision (the files zeekctl installs into its auto/ policy directory) into DIR. Every
 * file name is checked to stay inside DIR before anything is written, whatever answered.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { request } from "@zeekbus/bus";
import { RenderReply, TopologyRender, ValidationError } from "@zeekbus/contracts";
import type { GlobalOptions } from "../program.js";
import { printJson, runVerb, withBus } from "../verb.js";
import { TOPOLOGY_TIMEOUT_MS, topologySubject } from "./client.js";

/** Options of `render`. */
export interface RenderOptions {
  out: string;
  host?: string;
  node?: string;
}

/** Where a rendered file `path` goes under `out`; a path leaving `out` (absolute, `..`) is a ValidationError. */
export function targetIn(out: string, path: string): string {
  const inside = relative(resolve(out), resolve(out, path));
  if (isAbsolute(path) || inside === "" || inside === ".." || inside.startsWith(`..${sep}`)) {
    throw new ValidationError(`rendered file ${JSON.stringify(path)} would be written outside ${out}`, [
      `files.path: ${JSON.stringify(path)} is not a relative path inside the output directory`,
    ]);
  }
  return join(out, path);
}

/** Runs `render`. */
export function renderVerb(g: GlobalOptions, opts: RenderOptions): Promise<void> {
  return runVerb(g.json, async () => {
    if (opts.host !== undefined && opts.node !== undefined) {
      throw new ValidationError("give either --host or --node, not both");
    }
    const data = {
      ...(opts.host !== undefined ? { host: opts.host } : {}),
      ...(opts.node !== undefined ? { node: opts.node } : {}),
    };
    const reply = await withBus(g, (bus) =>
      request(bus, topologySubject(bus, g, "render"), TopologyRender, g.cluster, data, RenderReply, {
        timeoutMs: TOPOLOGY_TIMEOUT_MS,
      }),
    );
    const written = reply.files.map((file) => targetIn(opts.out, file.path));
    await mkdir(opts.out, { recursive: true });
    for (const [i, file] of reply.files.entries()) await writeFile(written[i]!, file.content);
    if (g.json)
      printJson({
        revision: reply.revision,
        host: reply.host,
        nodes: reply.nodes.map((n) => n.name),
        files: written,
      });
    else for (const target of written) process.stdout.write(`generating ${target} ...\n`);
  });
}
