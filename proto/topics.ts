/**
 * The MQTT topic tree: `<root>/<site>/<node>/<leaf>`, root `spokepilot/v1` by
 * default. Site and node are single topic levels, so a consumer can subscribe
 * to one node, one site (`<root>/<site>/+/+`) or the fleet (`<root>/+/+/+`).
 */
export const DEFAULT_ROOT = 'spokepilot/v1';
import { CodedError } from './coded-error.js';

export const LEAVES = ['status', 'state', 'telemetry', 'event', 'routes', 'cmd', 'reply'] as const;
export type Leaf = (typeof LEAVES)[number];

export interface NodeAddress {
  site: string;
  node: string;
}

/**
 * Site and node names: letters, digits, `.`, `_`, `-`. No `/`, `+`, `#`
 * (MQTT level separator and wildcards), no `$` (broker-reserved), no spaces.
 */
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** Root levels: the same, separated by `/`. */
const ROOT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}(\/[A-Za-z0-9][A-Za-z0-9._-]{0,63}){0,7}$/;

export type ProtoErrorCode = 'PROTO_BAD_TOPIC';

export class TopicError extends CodedError<ProtoErrorCode> {
  constructor(message: string) {
    super('PROTO_BAD_TOPIC', message);
  }
}

export function checkRoot(root: string): string {
  if (!ROOT.test(root)) throw new TopicError(`bad topic root "${root}": levels of [A-Za-z0-9._-] separated by "/"`);
  return root;
}

export function checkSegment(what: 'site' | 'node', value: string): string {
  if (!SEGMENT.test(value)) throw new TopicError(`bad ${what} "${value}": 1-64 of [A-Za-z0-9._-], starting with a letter or digit`);
  return value;
}

/** Topic of one leaf of one node. Throws TopicError on a name that would break the tree. */
export function topicOf(root: string, at: NodeAddress, leaf: Leaf): string {
  return `${checkRoot(root)}/${checkSegment('site', at.site)}/${checkSegment('node', at.node)}/${leaf}`;
}

/** Every topic of one node, checked once. */
export function nodeTopics(root: string, at: NodeAddress): Record<Leaf, string> {
  const out = {} as Record<Leaf, string>;
  for (const leaf of LEAVES) out[leaf] = topicOf(root, at, leaf);
  return out;
}

/** The subscription filter for a whole fleet (or one site) under a root. */
export function fleetFilter(root: string, site?: string): string {
  return `${checkRoot(root)}/${site === undefined ? '+' : checkSegment('site', site)}/+/+`;
}

/** Splits a received topic into its node and leaf; undefined when it is not ours. */
export function parseTopic(root: string, topic: string): (NodeAddress & { leaf: Leaf }) | undefined {
  if (!topic.startsWith(root + '/')) return undefined;
  const rest = topic.slice(root.length + 1).split('/');
  if (rest.length !== 3) return undefined;
  const [site, node, leaf] = rest as [string, string, string];
  if (!SEGMENT.test(site) || !SEGMENT.test(node) || !(LEAVES as readonly string[]).includes(leaf)) return undefined;
  return { site, node, leaf: leaf as Leaf };
}
