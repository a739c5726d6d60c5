/**
 * Findings grouped by kind and signature (the message with numbers and quoted values blanked),
 * keeping the smallest input seen for each signature as its reproducer.
 */

/** One group of findings that share a signature. */
export interface Finding {
  kind: string;
  signature: string;
  /** How many inputs showed it. */
  count: number;
  /** The smallest input that showed it. */
  example: { detail: string; input: unknown; size: number };
}

const MAX_GROUPS = 200;

/** The signature of a message: what stays the same across inputs that hit the same rule. */
export function signatureOf(message: string): string {
  return message
    .replace(/(["'`]).*?\1/g, "$1…$1")
    .replace(/[0-9]+/g, "N")
    .slice(0, 160);
}

/** Collects findings; `add` keeps per signature the smallest input. */
export class Findings {
  private readonly groups = new Map<string, Finding>();
  total = 0;

  add(kind: string, detail: string, input: unknown, size: number): void {
    this.total += 1;
    const signature = signatureOf(detail);
    const key = `${kind}\u0000${signature}`;
    const group = this.groups.get(key);
    if (group) {
      group.count += 1;
      if (size < group.example.size) group.example = { detail, input, size };
      return;
    }
    if (this.groups.size >= MAX_GROUPS) return;
    this.groups.set(key, { kind, signature, count: 1, example: { detail, input, size } });
  }

  /** Count per kind. */
  byKind(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const g of this.groups.values()) out[g.kind] = (out[g.kind] ?? 0) + g.count;
    return out;
  }

  list(): Finding[] {
    return [...this.groups.values()].sort((a, b) => b.count - a.count);
  }
}

/** Cuts long strings inside a value (for reports), saying how long they were. */
export function clip(value: unknown, max = 2000): unknown {
  if (typeof value === "string")
    return value.length > max ? `${value.slice(0, max)}… [${value.length} chars]` : value;
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => clip(v, max));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [clip(k, 200) as string, clip(v, max)]));
  return value;
}
