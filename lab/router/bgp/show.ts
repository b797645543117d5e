/** The BGP and route-map show commands (the failover lab's eBGP summary stays when `router bgp` is not configured). */
import { kw, type CommandDef, type Mode, type Token } from '../../cli/grammar.js';
import { renderBgpSummary } from '../../render/bgp-summary.js';
import { renderBgpNeighbors } from '../../render/bgp/neighbors.js';
import { renderRouterBgpSummary } from '../../render/bgp/summary.js';
import { renderAdvertisedRoutes, renderBgpTable } from '../../render/bgp/table.js';
import { renderRouteMap } from '../../render/route-map.js';
import { str } from '../commands/common.js';
import type { RouterModel } from '../model.js';

const USER_AND_EXEC: readonly Mode[] = ['user', 'exec'];
const IP: Token = { kind: 'ipv4', name: 'peer' };

export function bgpShowCommands(m: RouterModel): CommandDef[] {
  const show = (syntax: Token[], render: (args: Record<string, string | number>) => string): CommandDef => ({
    modes: USER_AND_EXEC,
    syntax,
    handler: (_ctx, args) => ({ output: render(args) }),
  });
  const summary = (): string => (m.config.bgp ? renderRouterBgpSummary(m) : renderBgpSummary(m));
  const defs: CommandDef[] = [];
  for (const prefix of [
    ['show', 'ip', 'bgp'],
    ['show', 'bgp', 'ipv4', 'unicast'],
  ]) {
    defs.push(
      show(kw(...prefix), () => renderBgpTable(m)),
      show(kw(...prefix, 'summary'), summary),
      show(kw(...prefix, 'neighbors'), () => renderBgpNeighbors(m)),
      show([...kw(...prefix, 'neighbors'), IP], (a) => renderBgpNeighbors(m, str(a, 'peer'))),
      show([...kw(...prefix, 'neighbors'), IP, ...kw('advertised-routes')], (a) => renderAdvertisedRoutes(m, str(a, 'peer'))),
    );
  }
  defs.push(
    show(kw('show', 'route-map'), () => renderRouteMap(m)),
    show([...kw('show', 'route-map'), { kind: 'word', name: 'name' }], (a) => renderRouteMap(m, str(a, 'name'))),
  );
  return defs;
}
