/**
 * `zeekbus render --out DIR [--host H | --node N]`: writes the Zeek files generated for the
 * current revision (the files zeekctl installs into its auto/ policy directory) into DIR.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
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
    await mkdir(opts.out, { recursive: true });
    const written: string[] = [];
    for (const file of reply.files) {
      const target = join(opts.out, file.path);
      await writeFile(target, file.content);
      written.push(target);
    }
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
