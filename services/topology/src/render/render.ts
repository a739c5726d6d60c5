/** `render`: the generated Zeek files of the current revision, for a node, a host, or every host. */
import { NotFoundError, type RenderReply, type RenderRequest } from "@zeekbus/contracts";
import type { z } from "zod";
import type { TopologyDeps } from "../deps.js";
import { topologyOfState } from "../validate/build.js";

/** Handler of `render`. */
export async function handleRender(
  deps: TopologyDeps,
  req: RenderRequest,
): Promise<z.input<typeof RenderReply>> {
  const current = await deps.store.current();
  if (!current) throw new NotFoundError(`no desired state for cluster ${deps.cluster}: apply a config first`);
  const topology = topologyOfState(current);
  let host = req.host;
  if (req.node !== undefined) {
    const spec = topology.specs.find((s) => s.name === req.node);
    if (!spec)
      throw new NotFoundError(`unknown node '${req.node}'`, [`node: not in revision ${current.revision}`]);
    host = spec.host;
  }
  const nodes = topology.specs.filter((s) =>
    req.node !== undefined ? s.name === req.node : host === undefined || s.host === host,
  );
  if (nodes.length === 0)
    throw new NotFoundError(`unknown host '${host}'`, [
      `host: no node of revision ${current.revision} runs there`,
    ]);
  const files = Object.keys(topology.files)
    .sort()
    .map((path) => ({ path, content: topology.files[path] ?? "" }));
  return { revision: current.revision, ...(host !== undefined ? { host } : {}), nodes, files };
}
