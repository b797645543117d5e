import { isIpv4, isIpv6, maskToLength } from '../address.js';

export interface FlowSelector {
  action: string;
  protocol: string;
  localPrefix?: string;
  remotePrefix?: string;
  localPort?: number;
  remotePort?: number;
}

/**
 * Reads the selector of an `IPSEC FLOW:` line: `permit 47 host 11.0.2.2 host 11.0.2.1`,
 * `permit ip 0.0.0.0/0.0.0.0 host 3.3.3.4`, `permit ipv6 ::/0 ::/0`
 * (corpus: genieparser ShowCryptoSession golden_output, _1, iosxe golden_output3),
 * `permit 17 host A port 500 host B port 500`. Undefined when it is none of these.
 */
export function parseFlowSelector(acl: string): FlowSelector | undefined {
  const tokens = acl.trim().split(/\s+/);
  const [action, protocol] = tokens;
  if (action === undefined || protocol === undefined || !/^(permit|deny)$/i.test(action)) return undefined;
  const v6 = protocol.toLowerCase() === 'ipv6' || tokens.some((t) => t.includes(':'));
  const cursor = { i: 2 };
  const local = endpoint(tokens, cursor, v6);
  const remote = endpoint(tokens, cursor, v6);
  if (!local || !remote || cursor.i !== tokens.length) return undefined;
  const out: FlowSelector = { action: action.toLowerCase(), protocol, localPrefix: local.prefix, remotePrefix: remote.prefix };
  if (local.port !== undefined) out.localPort = local.port;
  if (remote.port !== undefined) out.remotePort = remote.port;
  return out;
}

function endpoint(tokens: string[], cursor: { i: number }, v6: boolean): { prefix: string; port?: number } | undefined {
  const word = tokens[cursor.i];
  if (word === undefined) return undefined;
  let prefix: string | undefined;
  if (word === 'host') {
    const addr = tokens[cursor.i + 1] ?? '';
    if (isIpv4(addr)) prefix = `${addr}/32`;
    else if (isIpv6(addr)) prefix = `${addr}/128`;
    cursor.i += 2;
  } else if (word === 'any') {
    prefix = v6 ? '::/0' : '0.0.0.0/0';
    cursor.i += 1;
  } else {
    prefix = slashPrefix(word);
    cursor.i += 1;
  }
  if (prefix === undefined) return undefined;
  if (tokens[cursor.i] === 'port' && /^\d+$/.test(tokens[cursor.i + 1] ?? '')) {
    const port = Number(tokens[cursor.i + 1]);
    cursor.i += 2;
    return { prefix, port };
  }
  return { prefix };
}

/** `10.0.0.0/255.0.0.0` or `10.0.0.0/8` or `2001:db8::/32` -> CIDR. */
export function slashPrefix(text: string): string | undefined {
  const slash = text.lastIndexOf('/');
  if (slash < 0) return undefined;
  const addr = text.slice(0, slash);
  const mask = text.slice(slash + 1);
  if (isIpv4(addr)) {
    const len = /^\d{1,2}$/.test(mask) ? Number(mask) : maskToLength(mask);
    return len !== undefined && len <= 32 ? `${addr}/${len}` : undefined;
  }
  if (isIpv6(addr) && /^\d{1,3}$/.test(mask) && Number(mask) <= 128) return `${addr}/${mask}`;
  return undefined;
}
