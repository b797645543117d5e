/**
 * The name service the router's resolver reaches: a table of names to IPv4
 * addresses, and a failure switch per name or for everything (`*`), so a
 * scenario can make an FQDN peer unresolvable. Names are case-insensitive,
 * as in DNS. Each hub is known as `<hub name>.example.net` unless the world
 * says otherwise.
 */
export const HUB_DOMAIN = 'example.net';

export class Dns {
  private readonly records = new Map<string, string>();
  private readonly failing = new Set<string>();

  constructor(records: Record<string, string> = {}) {
    for (const [name, address] of Object.entries(records)) this.setRecord(name, address);
  }

  /** The address `name` resolves to now; undefined when it does not exist or resolution fails. */
  resolve(name: string): string | undefined {
    const key = name.toLowerCase();
    if (this.failing.has('*') || this.failing.has(key)) return undefined;
    return this.records.get(key);
  }

  setRecord(name: string, address: string): void {
    this.records.set(name.toLowerCase(), address);
  }

  removeRecord(name: string): void {
    this.records.delete(name.toLowerCase());
  }

  /** Makes resolution of `name` (or of every name, `*`) fail, or work again. */
  setFailing(name: string, failing: boolean): void {
    const key = name.toLowerCase();
    if (failing) this.failing.add(key);
    else this.failing.delete(key);
  }
}

/** The default table: every hub by `<name>.example.net`, then the world's own records over it. */
export function defaultDnsRecords(
  hubs: ReadonlyArray<{ name: string; address: string }>,
  extra: Record<string, string> = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of hubs) out[`${h.name}.${HUB_DOMAIN}`] = h.address;
  return { ...out, ...extra };
}
