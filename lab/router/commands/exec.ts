/**
 * Exec commands: `clear crypto session [remote IP]`, `clear crypto ikev2 sa
 * [remote IP]`, and every show command the agent's parsers read.
 */
import { renderDmvpn, renderIpNhrp } from '../../render/nhrp.js';
import { kw, type CommandDef, type CommandResult, type Mode, type Token } from '../../cli/grammar.js';
import { deleteSa } from '../ike-sa.js';
import type { RouterModel } from '../model.js';
import { renderCryptoSession } from '../../render/crypto-session.js';
import { renderFlexvpnClient } from '../../render/flexvpn-client.js';
import { renderIkev2Sa } from '../../render/ikev2-sa.js';
import { renderInterfaces, renderIpInterfaceBrief } from '../../render/interfaces.js';
import { renderIpRoute, renderIpv6Route } from '../../render/ip-route.js';
import { renderIpSlaStatistics, renderIpSlaSummary } from '../../render/ip-sla.js';
import { renderIpsecSa } from '../../render/ipsec-sa.js';
import { renderLogging } from '../../render/logging.js';
import { renderEmptyRunningConfig, renderRunningConfig } from '../../render/running-config.js';
import { renderTrack, renderTrackBrief } from '../../render/track.js';
import { renderVersion } from '../../render/version.js';
import { isIpv4, num, str } from './common.js';

const EXEC: readonly Mode[] = ['exec'];
/** Show commands IOS allows at privilege level 1 as well. */
const USER_AND_EXEC: readonly Mode[] = ['user', 'exec'];

/** Deletes the SAs (all, or those to `remote`); the FlexVPN client reselects on its next step. */
export function clearSas(m: RouterModel, remote: string | undefined, reason: string): void {
  for (const sa of [...m.rt.sas]) if (remote === undefined || sa.peerAddress === remote) deleteSa(m, sa, reason);
  for (const rt of m.rt.clients.values()) {
    if (rt.negotiation && (remote === undefined || rt.negotiation.peerAddress === remote)) {
      rt.phase = 'idle';
      rt.next = { kind: 'first' };
      delete rt.negotiation;
    }
  }
}

function show(modes: readonly Mode[], syntax: Token[], render: (args: Record<string, string | number>) => string): CommandDef {
  return { modes, syntax, handler: (_ctx, args): CommandResult => ({ output: render(args) }) };
}

const IP = (name: string): Token => ({ kind: 'ipv4', name });

export function execCommands(m: RouterModel): CommandDef[] {
  const clear = (words: string[], remote: boolean, reason: string): CommandDef => ({
    modes: EXEC,
    syntax: [...kw(...words), ...(remote ? [...kw('remote'), IP('remote')] : [])],
    handler: (_ctx, args) => {
      const address = remote ? str(args, 'remote') : undefined;
      if (address !== undefined && !isIpv4(address)) return { output: "% Invalid input detected at '^' marker." };
      clearSas(m, address, reason);
    },
  });
  return [
    clear(['clear', 'crypto', 'session'], false, 'clear crypto session'),
    clear(['clear', 'crypto', 'session'], true, 'clear crypto session'),
    clear(['clear', 'crypto', 'ikev2', 'sa'], false, 'clear crypto ikev2 sa'),
    clear(['clear', 'crypto', 'ikev2', 'sa'], true, 'clear crypto ikev2 sa'),
    show(USER_AND_EXEC, kw('show', 'crypto', 'ikev2', 'sa'), () => renderIkev2Sa(m, false)),
    show(USER_AND_EXEC, kw('show', 'crypto', 'ikev2', 'sa', 'detailed'), () => renderIkev2Sa(m, true)),
    show(USER_AND_EXEC, kw('show', 'crypto', 'session'), () => renderCryptoSession(m, false)),
    show(USER_AND_EXEC, kw('show', 'crypto', 'session', 'detail'), () => renderCryptoSession(m, true)),
    show(USER_AND_EXEC, [...kw('show', 'crypto', 'session', 'remote'), IP('remote')], (a) =>
      renderCryptoSession(m, false, str(a, 'remote')),
    ),
    show(USER_AND_EXEC, [...kw('show', 'crypto', 'session', 'remote'), IP('remote'), ...kw('detail')], (a) =>
      renderCryptoSession(m, true, str(a, 'remote')),
    ),
    show(USER_AND_EXEC, kw('show', 'crypto', 'ipsec', 'sa'), () => renderIpsecSa(m, false)),
    show(USER_AND_EXEC, kw('show', 'crypto', 'ipsec', 'sa', 'detail'), () => renderIpsecSa(m, true)),
    show(USER_AND_EXEC, [...kw('show', 'crypto', 'ipsec', 'sa', 'peer'), IP('peer')], (a) => renderIpsecSa(m, false, str(a, 'peer'))),
    show(USER_AND_EXEC, [...kw('show', 'crypto', 'ipsec', 'sa', 'peer'), IP('peer'), ...kw('detail')], (a) =>
      renderIpsecSa(m, true, str(a, 'peer')),
    ),
    show(USER_AND_EXEC, kw('show', 'crypto', 'ikev2', 'client', 'flexvpn'), () => renderFlexvpnClient(m)),
    show(USER_AND_EXEC, [...kw('show', 'crypto', 'ikev2', 'client', 'flexvpn'), { kind: 'word', name: 'name' }], (a) =>
      renderFlexvpnClient(m, str(a, 'name')),
    ),
    show(USER_AND_EXEC, kw('show', 'ip', 'sla', 'statistics'), () => renderIpSlaStatistics(m)),
    show(USER_AND_EXEC, [...kw('show', 'ip', 'sla', 'statistics'), { kind: 'number', name: 'op', min: 1, max: 2147483647 }], (a) =>
      renderIpSlaStatistics(m, num(a, 'op')),
    ),
    show(USER_AND_EXEC, kw('show', 'ip', 'sla', 'statistics', 'details'), () => renderIpSlaStatistics(m, undefined, true)),
    show(
      USER_AND_EXEC,
      [...kw('show', 'ip', 'sla', 'statistics'), { kind: 'number', name: 'op', min: 1, max: 2147483647 }, ...kw('details')],
      (a) => renderIpSlaStatistics(m, num(a, 'op'), true),
    ),
    show(USER_AND_EXEC, kw('show', 'ip', 'sla', 'summary'), () => renderIpSlaSummary(m)),
    show(USER_AND_EXEC, kw('show', 'track'), () => renderTrack(m)),
    show(USER_AND_EXEC, [...kw('show', 'track'), { kind: 'number', name: 'track', min: 1, max: 1000 }], (a) =>
      renderTrack(m, num(a, 'track')),
    ),
    show(USER_AND_EXEC, kw('show', 'track', 'brief'), () => renderTrackBrief(m)),
    show(USER_AND_EXEC, [...kw('show', 'track'), { kind: 'number', name: 'track', min: 1, max: 1000 }, ...kw('brief')], (a) =>
      renderTrackBrief(m, num(a, 'track')),
    ),
    show(USER_AND_EXEC, kw('show', 'ip', 'route'), () => renderIpRoute(m)),
    show(USER_AND_EXEC, [...kw('show', 'ip', 'route', 'vrf'), { kind: 'word', name: 'vrf' }], (a) => renderIpRoute(m, str(a, 'vrf'))),
    show(USER_AND_EXEC, kw('show', 'ipv6', 'route'), () => renderIpv6Route()),
    show(USER_AND_EXEC, kw('show', 'ip', 'interface', 'brief'), () => renderIpInterfaceBrief(m)),
    show(USER_AND_EXEC, kw('show', 'interfaces'), () => renderInterfaces(m)),
    show(USER_AND_EXEC, [...kw('show', 'interfaces'), { kind: 'interface', name: 'interface' }], (a) =>
      renderInterfaces(m, str(a, 'interface')),
    ),
    show(USER_AND_EXEC, kw('show', 'ip', 'nhrp'), () => renderIpNhrp(m)),
    show(USER_AND_EXEC, kw('show', 'dmvpn'), () => renderDmvpn(m)),
    show(USER_AND_EXEC, kw('show', 'version'), () => renderVersion(m)),
    show(EXEC, kw('show', 'logging'), () => renderLogging(m)),
    // A CLI view's user sees only the configuration its view may enter, which in the lab's exec-only views is none.
    {
      modes: EXEC,
      syntax: kw('show', 'running-config'),
      handler: (ctx) => ({ output: ctx.view ? renderEmptyRunningConfig() : renderRunningConfig(m) }),
    },
    show(EXEC, kw('show', 'running-config', 'view', 'full'), () => renderRunningConfig(m)),
  ];
}
