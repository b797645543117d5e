/**
 * Proactive threshold monitoring, global configuration:
 *   ip sla reaction-configuration N react ELEMENT [threshold-type never|immediate|consecutive [N]|xofy [X Y]|average [N]]
 *     [threshold-value UPPER LOWER] [action-type none|trapOnly|triggerOnly|trapAndTrigger]
 * (the optional clauses in any order, as IOS accepts them), its `no` forms,
 * `ip sla reaction-trigger N TARGET` and `ip sla logging traps`.
 */
import { CliError, kw, type Args, type CommandDef, type Token } from '../../cli/grammar.js';
import {
  defaultThresholds,
  REACTION_COUNT_DEFAULT,
  REACTION_ELEMENTS,
  type ReactionAction,
  type ReactionConfig,
  type ReactionElement,
  type ThresholdType,
} from '../ip-sla-config.js';
import type { RouterModel } from '../model.js';
import { invalid, num, str } from './common.js';
import { hasOperationType, SLA_ID } from './ip-sla-common.js';

const COUNT = (name: string): Token => ({ kind: 'number', name, min: 1, max: 16 });
const VALUE = (name: string): Token => ({ kind: 'number', name, min: 0, max: 2147483647 });
const ACTIONS: readonly ReactionAction[] = ['none', 'trapOnly', 'triggerOnly', 'trapAndTrigger'];

/** One spelling of an optional clause and what it sets. */
interface Variant {
  tokens: Token[];
  apply(r: ReactionConfig, args: Args): void;
}

const THRESHOLD_TYPES: Variant[] = [
  {
    tokens: kw('threshold-type', 'never'),
    apply: (r) => {
      r.thresholdType = { kind: 'never' };
    },
  },
  {
    tokens: kw('threshold-type', 'immediate'),
    apply: (r) => {
      r.thresholdType = { kind: 'immediate' };
    },
  },
  {
    tokens: kw('threshold-type', 'consecutive'),
    apply: (r) => {
      r.thresholdType = { kind: 'consecutive', occurrences: REACTION_COUNT_DEFAULT };
    },
  },
  {
    tokens: [...kw('threshold-type', 'consecutive'), COUNT('occurrences')],
    apply: (r, a) => {
      r.thresholdType = { kind: 'consecutive', occurrences: num(a, 'occurrences') };
    },
  },
  {
    tokens: kw('threshold-type', 'xofy'),
    apply: (r) => {
      r.thresholdType = { kind: 'xofy', x: REACTION_COUNT_DEFAULT, y: REACTION_COUNT_DEFAULT };
    },
  },
  {
    tokens: [...kw('threshold-type', 'xofy'), COUNT('x'), COUNT('y')],
    apply: (r, a) => {
      r.thresholdType = { kind: 'xofy', x: num(a, 'x'), y: num(a, 'y') };
    },
  },
  {
    tokens: kw('threshold-type', 'average'),
    apply: (r) => {
      r.thresholdType = { kind: 'average', measurements: REACTION_COUNT_DEFAULT };
    },
  },
  {
    tokens: [...kw('threshold-type', 'average'), COUNT('measurements')],
    apply: (r, a) => {
      r.thresholdType = { kind: 'average', measurements: num(a, 'measurements') };
    },
  },
];
const THRESHOLD_VALUE: Variant[] = [
  {
    tokens: [...kw('threshold-value'), VALUE('upper'), VALUE('lower')],
    apply: (r, a) => {
      r.upper = num(a, 'upper');
      r.lower = num(a, 'lower');
    },
  },
];
const ACTION_TYPES: Variant[] = ACTIONS.map((action) => ({
  tokens: kw('action-type', action),
  apply: (r: ReactionConfig) => {
    r.action = action;
  },
}));

/** Every ordering of every subset of the clauses, one variant of each. */
function orderings(clauses: readonly Variant[][]): Variant[][] {
  const out: Variant[][] = [[]];
  clauses.forEach((clause, i) => {
    const rest = clauses.filter((_, j) => j !== i);
    for (const v of clause) for (const tail of orderings(rest)) out.push([v, ...tail]);
  });
  return out;
}

/** IOS abbreviates the element as any keyword: a unique, case-insensitive prefix. */
export function resolveElement(typed: string): ReactionElement | undefined {
  const exact = REACTION_ELEMENTS.find((e) => e.toLowerCase() === typed.toLowerCase());
  if (exact) return exact;
  const hits = REACTION_ELEMENTS.filter((e) => e.toLowerCase().startsWith(typed.toLowerCase()));
  return hits.length === 1 ? hits[0] : undefined;
}

/** The lab's wording (no IOS capture of these refusals was found). */
export const XOFY_ORDER = '%X value must be less than or equal to Y value';
export const THRESHOLD_ORDER = '%Lower threshold value must be less than or equal to upper threshold value';

export function ipSlaReactionCommands(m: RouterModel): CommandDef[] {
  const g = m.config.ipSla;
  const base = [...kw('ip', 'sla', 'reaction-configuration'), SLA_ID, ...kw('react'), { kind: 'word', name: 'element' } as Token];
  const react: CommandDef[] = orderings([THRESHOLD_TYPES, THRESHOLD_VALUE, ACTION_TYPES]).map((variants) => ({
    modes: ['config'],
    syntax: [...base, ...variants.flatMap((v) => v.tokens)],
    handler: (_ctx, args) => {
      const id = num(args, 'operation');
      const element = resolveElement(str(args, 'element'));
      if (!element) invalid();
      if (!hasOperationType(m.config.slas.get(id))) throw new CliError([`%No IP SLA operation ${id} configured`]);
      const r: ReactionConfig = {
        element,
        thresholdType: { kind: 'never' } as ThresholdType,
        ...defaultThresholds(element),
        action: 'none',
      };
      for (const v of variants) v.apply(r, args);
      if (r.thresholdType.kind === 'xofy' && r.thresholdType.x > r.thresholdType.y) throw new CliError([XOFY_ORDER]);
      if (r.lower > r.upper) throw new CliError([THRESHOLD_ORDER]);
      // Entering an element again replaces its reaction (clauses not given return to their defaults).
      const list = (g.reactions.get(id) ?? []).filter((x) => x.element !== element);
      g.reactions.set(id, [...list, r]);
    },
  }));
  return [
    ...react,
    {
      modes: ['config'],
      syntax: [...kw('no', 'ip', 'sla', 'reaction-configuration'), SLA_ID],
      handler: (_ctx, args) => {
        g.reactions.delete(num(args, 'operation'));
      },
    },
    {
      modes: ['config'],
      syntax: [...kw('no', 'ip', 'sla', 'reaction-configuration'), SLA_ID, ...kw('react'), { kind: 'word', name: 'element' }],
      handler: (_ctx, args) => {
        const id = num(args, 'operation');
        const element = resolveElement(str(args, 'element'));
        if (!element) invalid();
        const list = (g.reactions.get(id) ?? []).filter((x) => x.element !== element);
        if (list.length === 0) g.reactions.delete(id);
        else g.reactions.set(id, list);
      },
    },
    {
      modes: ['config'],
      syntax: [...kw('ip', 'sla', 'reaction-trigger'), SLA_ID, { ...SLA_ID, name: 'target' }],
      handler: (_ctx, args) => {
        const id = num(args, 'operation');
        const target = num(args, 'target');
        const list = g.triggers.get(id) ?? [];
        if (!list.includes(target)) g.triggers.set(id, [...list, target]);
      },
    },
    {
      modes: ['config'],
      syntax: [...kw('no', 'ip', 'sla', 'reaction-trigger'), SLA_ID, { ...SLA_ID, name: 'target' }],
      handler: (_ctx, args) => {
        const id = num(args, 'operation');
        const list = (g.triggers.get(id) ?? []).filter((t) => t !== num(args, 'target'));
        if (list.length === 0) g.triggers.delete(id);
        else g.triggers.set(id, list);
      },
    },
    {
      modes: ['config'],
      syntax: kw('ip', 'sla', 'logging', 'traps'),
      handler: () => {
        g.loggingTraps = true;
      },
    },
    {
      modes: ['config'],
      syntax: kw('no', 'ip', 'sla', 'logging', 'traps'),
      handler: () => {
        g.loggingTraps = false;
      },
    },
  ];
}
