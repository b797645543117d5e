/** The `router bgp`, community-list, prefix-list and route-map sections of `show running-config`, as IOS 15 prints them. */
import type { RouterConfig } from '../../router/config-model.js';
import { lengthToMask } from '../../router/dynamics/routes.js';

export function routerBgpLines(c: RouterConfig): string[] {
  const b = c.bgp;
  if (!b) return [];
  const out = [`router bgp ${b.asn}`];
  if (b.routerId) out.push(` bgp router-id ${b.routerId}`);
  out.push(' bgp log-neighbor-changes');
  for (const p of b.networks) {
    const [a, l] = p.split('/');
    out.push(` network ${a} mask ${lengthToMask(Number(l))}`);
  }
  for (const n of b.neighbors.values()) {
    out.push(` neighbor ${n.address} remote-as ${n.remoteAs}`);
    if (n.fallOver) out.push(` neighbor ${n.address} fall-over`);
    if (n.sendCommunity) out.push(` neighbor ${n.address} send-community${n.sendCommunity === 'both' ? ' both' : ''}`);
    if (n.routeMapIn) out.push(` neighbor ${n.address} route-map ${n.routeMapIn} in`);
    if (n.routeMapOut) out.push(` neighbor ${n.address} route-map ${n.routeMapOut} out`);
    if (n.timers) out.push(` neighbor ${n.address} timers ${n.timers.keepaliveSec} ${n.timers.holdSec}`);
  }
  return [...out, '!'];
}

export function communityListLines(c: RouterConfig): string[] {
  const out: string[] = [];
  if (c.policy.newFormat) out.push('ip bgp-community new-format');
  for (const [name, entries] of c.policy.communityLists) {
    const head = /^\d+$/.test(name) ? `ip community-list ${name}` : `ip community-list standard ${name}`;
    for (const e of entries) out.push(`${head} ${e.action} ${e.communities.join(' ')}`);
  }
  return out.length ? [...out, '!'] : [];
}

export function prefixListLines(c: RouterConfig): string[] {
  const out: string[] = [];
  for (const [name, entries] of c.policy.prefixLists) {
    for (const e of entries)
      out.push(
        `ip prefix-list ${name} seq ${e.seq} ${e.action} ${e.prefix}${e.ge !== undefined ? ` ge ${e.ge}` : ''}${e.le !== undefined ? ` le ${e.le}` : ''}`,
      );
  }
  return out.length ? [...out, '!'] : [];
}

export function routeMapLines(c: RouterConfig): string[] {
  const out: string[] = [];
  for (const [name, entries] of c.policy.routeMaps) {
    for (const e of entries) {
      out.push(`route-map ${name} ${e.action} ${e.seq} `);
      if (e.match.prefixLists) out.push(` match ip address prefix-list ${e.match.prefixLists.join(' ')}`);
      if (e.match.communityLists) out.push(` match community ${e.match.communityLists.join(' ')}`);
      const s = e.set;
      if (s.metric !== undefined) out.push(` set metric ${s.metric}`);
      if (s.localPref !== undefined) out.push(` set local-preference ${s.localPref}`);
      if (s.weight !== undefined) out.push(` set weight ${s.weight}`);
      if (s.community) out.push(` set community ${s.community.values.join(' ')}${s.community.additive ? ' additive' : ''}`);
      if (s.prepend) out.push(` set as-path prepend ${s.prepend.join(' ')}`);
      out.push('!');
    }
  }
  return out;
}
