/**
 * `show dampening interface` and `show interfaces dampening` (layouts from
 * the IOS output quoted by ipspace.net's IP Event Dampening article: a
 * summary of configured and suppressed interfaces with the features using
 * dampening, and per interface a row of Flaps, Penalty, Supp, ReuseTm, HalfL,
 * ReuseV, SuppV, MaxSTm, MaxP, Restart, right-aligned).
 */
import { decayedPenalty, maxPenalty, newDampening, reuseTimeSec } from '../router/dynamics/dampening.js';
import type { RouterModel } from '../router/model.js';
import { padLeft } from './format.js';

function dampened(m: RouterModel): string[] {
  return [...m.config.interfaces.values()].filter((i) => i.dampening).map((i) => i.name);
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function renderDampeningSummary(m: RouterModel): string {
  const names = dampened(m);
  const suppressed = names.filter((n) => m.rt.interfaces.get(n)?.dampening?.suppressed).length;
  return [
    `${count(names.length, 'interface is', 'interfaces are')} configured with dampening.`,
    `${count(suppressed, 'interface is', 'interfaces are')} being suppressed.`,
    'Features that are using interface dampening:',
    '  IP Routing',
  ].join('\n');
}

const HEADER = ['Flaps', 'Penalty', 'Supp', 'ReuseTm', 'HalfL', 'ReuseV', 'SuppV', 'MaxSTm', 'MaxP', 'Restart'];

function row(cells: Array<string | number>): string {
  return cells.map((c, i) => padLeft(c, i === 0 ? 7 : 8)).join('');
}

export function renderInterfacesDampening(m: RouterModel): string {
  const t = m.opts.clock.now();
  const out: string[] = [];
  for (const name of dampened(m)) {
    const cfg = m.config.interfaces.get(name)!.dampening!;
    const s = m.rt.interfaces.get(name)?.dampening ?? newDampening(true, t);
    out.push(
      name,
      row(HEADER),
      row([
        s.flaps,
        Math.round(decayedPenalty(s, cfg, t)),
        s.suppressed ? 'TRUE' : 'FALSE',
        reuseTimeSec(s, cfg, t),
        cfg.halfLifeSec,
        cfg.reuse,
        cfg.suppress,
        cfg.maxSuppressSec,
        maxPenalty(cfg),
        cfg.restartPenalty ?? 0,
      ]),
    );
  }
  return out.join('\n');
}
