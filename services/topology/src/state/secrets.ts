/**
 * Values generated once per cluster and kept in every later revision: zeekctl's
 * `global_hash_seed` (8 hex characters) and the ZeroMQ CURVE key pairs (Z85-encoded x25519).
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";

/** ZeroMQ CURVE server and client key pairs, Z85-encoded. */
export interface CurveKeys {
  serverPublic: string;
  serverSecret: string;
  clientPublic: string;
  clientSecret: string;
}

const Z85 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

/** Encodes bytes (length a multiple of 4) as ZeroMQ's Z85 (RFC 32). */
export function z85Encode(bytes: Uint8Array): string {
  if (bytes.length % 4 !== 0) throw new RangeError("z85 input length must be a multiple of 4");
  let out = "";
  for (let i = 0; i < bytes.length; i += 4) {
    let value = ((bytes[i]! << 24) >>> 0) + (bytes[i + 1]! << 16) + (bytes[i + 2]! << 8) + bytes[i + 3]!;
    let chunk = "";
    for (let j = 0; j < 5; j++) {
      chunk = Z85[value % 85] + chunk;
      value = Math.floor(value / 85);
    }
    out += chunk;
  }
  return out;
}

/** A new `global_hash_seed`: 8 random hex characters. */
export function newHashSeed(): string {
  return randomBytes(4).toString("hex");
}

function keyPair(): { public: string; secret: string } {
  const { publicKey, privateKey } = generateKeyPairSync("x25519");
  const raw = (jwk: string | undefined) => z85Encode(Buffer.from(jwk ?? "", "base64url"));
  return {
    public: raw(publicKey.export({ format: "jwk" }).x),
    secret: raw(privateKey.export({ format: "jwk" }).d),
  };
}

/** New CURVE server and client key pairs. */
export function newCurveKeys(): CurveKeys {
  const server = keyPair();
  const client = keyPair();
  return {
    serverPublic: server.public,
    serverSecret: server.secret,
    clientPublic: client.public,
    clientSecret: client.secret,
  };
}
