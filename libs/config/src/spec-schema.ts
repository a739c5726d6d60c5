/**
 * The native cluster spec (YAML or JSON): the same model as zeekctl's three files, one document.
 * Values are checked by the same rules as node.cfg, so both formats report the same messages.
 */
import { z } from "zod";
import { LB_METHODS } from "./model.js";
import { AF_PACKET_KEYS } from "./node-keys.js";
import { OPTION_DEFS } from "./options.js";

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

const optionShape: Record<string, z.ZodOptional<typeof Scalar>> = {};
for (const def of OPTION_DEFS) {
  optionShape[def.name] = Scalar.optional().describe(
    `${def.description} (${def.type}, default "${def.default}")`,
  );
}

/** zeekctl.cfg options by name (case-insensitive); plugin options as `prefix.option`. */
export const SpecOptions = z
  .object(optionShape)
  .catchall(Scalar)
  .describe("zeekctl.cfg options by name (case-insensitive); plugin options as prefix.option");

const afPacketShape: Record<string, z.ZodOptional<typeof Scalar>> = {};
for (const key of AF_PACKET_KEYS)
  afPacketShape[key] = Scalar.optional().describe(`AF_Packet::${key}, verbatim`);

/** One node, as a node.cfg section. */
export const SpecNode = z
  .object({
    name: z.string().describe("Node name (the node.cfg section name)"),
    type: z.string().describe("standalone, logger, manager, proxy or worker"),
    host: z.string().optional().describe("Host name or address"),
    interface: z.string().optional().describe("Capture interface, e.g. eth0 or af_packet::eth0"),
    lb_procs: z.union([z.number(), z.string()]).optional().describe("Number of worker processes"),
    lb_method: z
      .string()
      .optional()
      .describe(`Load balancing method: ${LB_METHODS.join(", ")}`),
    lb_interfaces: z
      .union([z.array(z.string()), z.string()])
      .optional()
      .describe("Interfaces for lb_method=interfaces"),
    pin_cpus: z
      .union([z.array(z.number()), z.string()])
      .optional()
      .describe("CPUs to pin processes to, cycled over the processes"),
    env_vars: z
      .union([z.record(z.string(), z.string()), z.string()])
      .optional()
      .describe("Environment variables (map, or K=V,K2=V2)"),
    aux_scripts: z.string().optional().describe("Extra scripts loaded after zeekctl/auto"),
    zone_id: z.string().optional().describe("Legacy IPv6 zone id"),
    af_packet: z
      .object(afPacketShape)
      .strict()
      .optional()
      .describe("AF_Packet plugin settings for this worker"),
  })
  .strict()
  .describe("A node, as a node.cfg section");

/** One local network: `CIDR [tag]` or an object. */
export const SpecNetwork = z
  .union([
    z.string().describe("CIDR network, optionally followed by a tag"),
    z
      .object({ cidr: z.string().describe("CIDR network"), tag: z.string().optional().describe("Free text") })
      .strict(),
  ])
  .describe("A local network (networks.cfg line)");

/** The whole spec document. */
export const ClusterSpec = z
  .object({
    options: SpecOptions.optional(),
    nodes: z.array(SpecNode).describe("Nodes, as node.cfg sections, in order"),
    networks: z.array(SpecNetwork).optional().describe("Local networks, as networks.cfg lines"),
  })
  .strict()
  .describe("A zeekbus cluster spec: zeekctl.cfg options, node.cfg nodes and networks.cfg networks");
/** The parsed spec document. */
export type ClusterSpec = z.infer<typeof ClusterSpec>;

/** JSON Schema (draft 2020-12) of the cluster spec, for docs and editors. */
export function clusterSpecJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ClusterSpec) as Record<string, unknown>;
}
