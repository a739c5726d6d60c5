import { createServer } from "node:net";

/**
 * A TCP port on 127.0.0.2 that nothing listens on: a host that refuses connections at once
 * (loopback, but not the address a local command would use).
 */
export async function closedPort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.2");
  await new Promise((r) => server.once("listening", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}
