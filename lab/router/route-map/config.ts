/** Route-maps, prefix-lists and community-lists as data (lab/router/route-map/commands.ts sets them). */

export interface RouteMapSet {
  localPref?: number;
  weight?: number;
  metric?: number;
  /** `set community C... [additive]`: replaces the path's communities unless additive. */
  community?: { values: string[]; additive: boolean };
  /** `set as-path prepend ASN...`. */
  prepend?: number[];
}

export interface RouteMapMatch {
  /** `match ip address prefix-list NAME...`: any of them permits. */
  prefixLists?: string[];
  /** `match community LIST...`: any of them permits. */
  communityLists?: string[];
}

export interface RouteMapEntry {
  seq: number;
  action: 'permit' | 'deny';
  match: RouteMapMatch;
  set: RouteMapSet;
}

export interface PrefixListEntry {
  seq: number;
  action: 'permit' | 'deny';
  prefix: string;
  ge?: number;
  le?: number;
}

export interface CommunityListEntry {
  action: 'permit' | 'deny';
  /** Every community must be on the path for the entry to match. */
  communities: string[];
}

export interface PolicyConfig {
  /** Entries sorted by sequence. */
  routeMaps: Map<string, RouteMapEntry[]>;
  prefixLists: Map<string, PrefixListEntry[]>;
  /** Numbered (1-99) and named standard lists, by name. */
  communityLists: Map<string, CommunityListEntry[]>;
  /** `ip bgp-community new-format`: communities shown as AA:NN rather than one 32-bit number. */
  newFormat: boolean;
}

export function emptyPolicy(): PolicyConfig {
  return { routeMaps: new Map(), prefixLists: new Map(), communityLists: new Map(), newFormat: false };
}
