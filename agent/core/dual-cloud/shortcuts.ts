/**
 * NHRP shortcuts (spoke to spoke, DMVPN phase 3 style in FlexVPN): after a
 * hub's redirect the spoke resolves the other spoke's LAN and installs an
 * `H` route via a Virtual-Access interface cloned from `ip nhrp shortcut
 * virtual-template`. It lives for the NHRP hold time (7200 s by default)
 * whatever happens to the hub that brokered it, so a hub's loss leaves every
 * shortcut in place until it expires. Read from `show ip nhrp`: the entries
 * on a Virtual-Access interface, less the next hop's own /32 mapping (flag
 * `nhop`), which only says where the shortcut's tunnel ends.
 */
import type { NhrpEntry } from '../../../proto/records/routing.js';
import { contains, parsePrefix } from '../prefix.js';

export interface Shortcut {
  /** The remote network reached directly, CIDR. */
  prefix: string;
  /** The other spoke's overlay address. */
  via: string;
  interface: string;
  /** The other spoke's transport (NBMA) address. */
  nbmaAddress?: string;
  /** Seconds left of the hold time, as read. */
  expireSec?: number;
}

export function shortcutsOf(entries: readonly NhrpEntry[]): Shortcut[] {
  return entries
    .filter((e) => e.interface?.startsWith('Virtual-Access') && e.via !== undefined && e.type !== 'incomplete' && !e.flags.includes('nhop'))
    .map((e) => ({
      prefix: e.target,
      via: e.via!,
      interface: e.interface!,
      ...(e.nbmaAddress ? { nbmaAddress: e.nbmaAddress } : {}),
      ...(e.expireSec !== undefined ? { expireSec: e.expireSec } : {}),
    }))
    .sort((a, b) => (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0));
}

export type ShortcutChange = { action: 'appeared' | 'gone' | 'moved'; shortcut: Shortcut; was?: Shortcut };

/** What changed between two reads, by prefix: a shortcut that now ends at another spoke has `moved`. */
export function shortcutChanges(before: readonly Shortcut[], after: readonly Shortcut[]): ShortcutChange[] {
  const was = new Map(before.map((s) => [s.prefix, s] as const));
  const now = new Map(after.map((s) => [s.prefix, s] as const));
  const out: ShortcutChange[] = [];
  for (const s of after) {
    const old = was.get(s.prefix);
    if (!old) out.push({ action: 'appeared', shortcut: s });
    else if (old.via !== s.via || old.interface !== s.interface) out.push({ action: 'moved', shortcut: s, was: old });
  }
  for (const s of before) if (!now.has(s.prefix)) out.push({ action: 'gone', shortcut: s });
  return out;
}

/**
 * Shortcuts that take a protected prefix (one that must be reached through a
 * hub: the data centre) straight to another spoke: the shortcut's prefix
 * overlaps it, covering it or inside it. A spoke that answers a resolution
 * for a network it does not own (a misconfiguration, or worse) shows up here.
 */
export function shortcutViolations(
  shortcuts: readonly Shortcut[],
  protectedPrefixes: readonly string[],
): { shortcut: Shortcut; protectedPrefix: string }[] {
  const guarded = protectedPrefixes.flatMap((p) => {
    const parsed = parsePrefix(p);
    return parsed ? [{ text: p, parsed }] : [];
  });
  return shortcuts.flatMap((s) => {
    const sp = parsePrefix(s.prefix);
    if (!sp) return [];
    const hit = guarded.find((g) => g.parsed.family === sp.family && (contains(g.parsed, sp) || contains(sp, g.parsed)));
    return hit ? [{ shortcut: s, protectedPrefix: hit.text }] : [];
  });
}
