/** Renders a nats-server configuration file from options. */

/** What one server listens on and stores. */
export interface ServerConfig {
  serverName: string;
  host: string;
  port: number;
  httpPort: number;
  storeDir: string;
  /** JetStream memory and file limits (nats-server size strings). */
  maxMem: string;
  maxFile: string;
  /** Largest message accepted (nats-server size string); the server's default when absent. */
  maxPayload?: string;
  cluster?: { name: string; port: number; routes: number[] };
}

const quote = (s: string) => JSON.stringify(s);

/** The server's config file text (nats-server's own format). */
export function renderConfig(c: ServerConfig): string {
  const lines = [
    `server_name: ${quote(c.serverName)}`,
    `listen: ${quote(`${c.host}:${c.port}`)}`,
    `http: ${quote(`${c.host}:${c.httpPort}`)}`,
    `jetstream { store_dir: ${quote(c.storeDir)}, max_mem: ${c.maxMem}, max_file: ${c.maxFile} }`,
  ];
  if (c.maxPayload) lines.push(`max_payload: ${c.maxPayload}`);
  if (c.cluster) {
    const routes = c.cluster.routes.map((p) => quote(`nats-route://${c.host}:${p}`)).join(", ");
    lines.push(
      "cluster {",
      `  name: ${quote(c.cluster.name)}`,
      `  listen: ${quote(`${c.host}:${c.cluster.port}`)}`,
      `  routes: [ ${routes} ]`,
      "}",
    );
  }
  return `${lines.join("\n")}\n`;
}
