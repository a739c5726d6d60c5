/**
 * Topology render: `<root>.api.<cluster>.topology.render` returns the Zeek files generated for
 * one stored revision, selected for a node or a host. The files are the ones zeekctl writes into
 * its `auto/` policy directory (`cluster-layout.zeek` or `standalone-layout.zeek`,
 * `zeekctl-config.zeek`, `local-networks.zeek`); every host of a cluster gets the same set.
 */
import { z } from "zod";
import { defineMessage } from "./envelope.js";
import { Content, Count, MAX_CLUSTER_NODES, MAX_FILES, RelativePath } from "./limits.js";
import { HostName, NodeName, NodeSpec } from "./node-spec.js";

/** What to render: a node, a host, or (neither) the files every host shares. */
export const RenderRequest = z
  .object({
    /** Node name (expanded, e.g. `worker-1-2`): its host's files and its own spec. */
    node: NodeName.optional().describe("Node name; the files of its host and its spec"),
    /** Host as written in the config: its files and the specs of its nodes. */
    host: HostName.optional().describe("Host as written in the config"),
  })
  .strict()
  .refine((r) => r.node === undefined || r.host === undefined, {
    message: "give either node or host, not both",
    path: ["node"],
  });
export type RenderRequest = z.infer<typeof RenderRequest>;

/**
 * One generated file: a name relative to the node's auto policy directory and its content. The
 * path is a {@link RelativePath} (never absolute, never `..`), so a reader may write it under a
 * directory of its choice without leaving that directory.
 */
export const RenderedFile = z
  .object({
    /** File name, e.g. `cluster-layout.zeek`. */
    path: RelativePath.describe("File name relative to the auto policy directory"),
    /** Exact file content. */
    content: Content.describe("File content"),
  })
  .strict();
export type RenderedFile = z.infer<typeof RenderedFile>;

/** Reply to render: the revision rendered, the selected nodes' specs and the generated files. */
export const RenderReply = z
  .object({
    /** Stored revision the files come from. */
    revision: Count.min(1),
    /** The selected host (absent when rendering the shared files). */
    host: HostName.optional(),
    /** Specs of the selected nodes (the node, the host's nodes, or every node). */
    nodes: z.array(NodeSpec).max(MAX_CLUSTER_NODES),
    /** Generated files in name order. */
    files: z.array(RenderedFile).max(MAX_FILES),
  })
  .strict();
export type RenderReply = z.infer<typeof RenderReply>;

/** Request message of the render endpoint. */
export const TopologyRender = defineMessage("api", "topology.render", RenderRequest);
