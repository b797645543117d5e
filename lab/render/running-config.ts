/** `show running-config`: what the lab models, in IOS's order and indentation. */
import type { RouterModel } from '../router/model.js';
import { ipSlaConfigLines } from './ip-sla-running-config.js';
import { sortedPeers, sortedSources, type FlexPeer, type TrackConfig } from '../router/config-model.js';
import { lengthToMask } from '../router/dynamics/routes.js';
import { thresholdConfigLines } from './track-threshold-config.js';
import { appletConfigLines } from './eem.js';
import { nhrpConfigLines } from './nhrp.js';
import { communityListLines, prefixListLines, routeMapLines, routerBgpLines } from './bgp/running-config.js';

/** What a CLI view with no configuration commands sees: the frame, none of the configuration. */
export function renderEmptyRunningConfig(): string {
  const text = '!\nend';
  return ['Building configuration...', '', `Current configuration : ${text.length + 1} bytes`, text].join('\n');
}

export function renderRunningConfig(m: RouterModel): string {
  const c = m.config;
  const body: string[] = [
    '!',
    'version 15.9',
    'service timestamps debug datetime msec',
    'service timestamps log datetime msec show-timezone',
    'service password-encryption',
    'service sequence-numbers',
    '!',
    `hostname ${c.hostname}`,
    '!',
    'boot-start-marker',
    'boot-end-marker',
    '!',
  ];
  for (const v of [...c.vrfs].sort()) body.push(`ip vrf ${v}`, '!');
  for (const t of [...c.tracks.values()].sort((a, b) => a.id - b.id)) {
    body.push(`track ${t.id} ${trackObject(t)}`);
    if (t.kind === 'stub-object') body.push(` default-state ${t.defaultState}`);
    if (t.kind === 'list') for (const o of t.objects) body.push(` object ${o.id}${o.negated ? ' not' : ''}`);
    if (t.kind === 'threshold') body.push(...thresholdConfigLines(t));
    const delay = [t.delayUpSec !== undefined ? `up ${t.delayUpSec}` : '', t.delayDownSec !== undefined ? `down ${t.delayDownSec}` : '']
      .filter(Boolean)
      .join(' ');
    if (delay) body.push(` delay ${delay}`);
    body.push('!');
  }
  for (const f of c.flexClients.values()) {
    body.push(`crypto ikev2 client flexvpn ${f.name}`);
    for (const p of sortedPeers(f))
      body.push(
        `  peer ${p.seq} ${peerTarget(p)}${p.track === undefined ? '' : ` track ${p.track}${p.trackState === 'down' ? ' down' : ''}`}`,
      );
    for (const s of sortedSources(f)) body.push(`  source ${s.seq} ${s.interface} track ${s.track}`);
    if (f.backupGroup !== undefined) body.push(`  backup group ${f.backupGroup}`);
    if (f.peerReactivate) body.push('  peer reactivate');
    if (f.connect?.mode === 'manual') body.push('  connect manual');
    if (f.connect?.mode === 'track') body.push(`  connect track ${f.connect.track}${f.connect.state === 'down' ? ' down' : ''}`);
    if (f.connectInterface) body.push(`  client connect ${f.connectInterface}`);
    body.push('!');
  }
  if (c.dpd) body.push(`crypto ikev2 dpd ${c.dpd.intervalSec} ${c.dpd.retryIntervalSec} ${c.dpd.mode}`, '!');
  for (const i of c.interfaces.values()) {
    body.push(`interface ${i.name}${i.virtualTemplate ? ' type tunnel' : ''}`);
    if (i.description) body.push(` description ${i.description}`);
    if (i.address === 'negotiated') body.push(' ip address negotiated');
    else if (i.address) body.push(` ip address ${i.address.address} ${lengthToMask(i.address.prefixLength)}`);
    else body.push(' no ip address');
    if (i.nhrp) body.push(...nhrpConfigLines(i.nhrp));
    if (i.dampening) body.push(` dampening${i.dampening.words.map((w) => ` ${w}`).join('')}`);
    if (i.shutdown) body.push(' shutdown');
    if (i.tunnel?.source) body.push(` tunnel source ${i.tunnel.source}`);
    if (i.tunnel?.destination) body.push(` tunnel destination ${i.tunnel.destination}`);
    if (i.tunnel?.protectionProfile) body.push(` tunnel protection ipsec profile ${i.tunnel.protectionProfile}`);
    body.push('!');
  }
  body.push(...routerBgpLines(c), ...communityListLines(c));
  m.world.wans().forEach((w, i) => {
    body.push(
      w.gateway
        ? `ip route 0.0.0.0 0.0.0.0 ${w.gateway}${i > 0 ? ` ${5 * i}` : ''}`
        : `ip route 0.0.0.0 0.0.0.0 ${w.interface}${i > 0 ? ` ${5 * i}` : ''}`,
    );
  });
  body.push('!');
  body.push(...prefixListLines(c));
  body.push(...ipSlaConfigLines(c));
  body.push('!');
  for (const h of c.loggingHosts) body.push(`logging host ${h.address} transport udp port ${h.port}`);
  body.push('!', ...routeMapLines(c), ...appletConfigLines(m));
  body.push('end');
  const text = body.join('\n');
  return ['Building configuration...', '', `Current configuration : ${text.length + 1} bytes`, text].join('\n');
}

/** A peer as its line was typed: the address, or `fqdn NAME [dynamic]` (never the address it resolved to). */
function peerTarget(p: FlexPeer): string {
  return p.fqdn ? `fqdn ${p.fqdn.name}${p.fqdn.dynamic ? ' dynamic' : ''}` : p.address;
}

function trackObject(t: TrackConfig): string {
  switch (t.kind) {
    case 'ip-sla':
      return `ip sla ${t.operation} ${t.parameter}`;
    case 'interface':
      return `interface ${t.interface} ${t.parameter === 'ip-routing' ? 'ip routing' : 'line-protocol'}`;
    case 'list':
      return `list boolean ${t.operator}`;
    case 'threshold':
      return `list threshold ${t.by}`;
    case 'stub-object':
      return 'stub-object';
  }
}
