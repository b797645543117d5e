/** What the IP SLA command files share: the operation number, the operation sub-modes, optional clauses, IOS's refusals. */
import { CliError, kw, type Args, type Mode, type Token } from '../../cli/grammar.js';
import { operationOf, type IpSlaConfig } from '../config-model.js';
import { invalid, isIpv4, str } from './common.js';

export const SLA_ID = { kind: 'number', name: 'operation', min: 1, max: 2147483647 } as const;

/** The sub-modes IOS enters per operation type (the prompt's `config-ip-sla-echo`, `-icmpjitter`, `-jitter`, `-tcp`). */
export const OPERATION_MODES: readonly Mode[] = [
  'config-ip-sla-echo',
  'config-ip-sla-icmpjitter',
  'config-ip-sla-jitter',
  'config-ip-sla-tcp',
];

/** An optional clause: its alternative spellings (the clause absent is implied). */
export type Clause = Token[][];

export const SOURCE_IP: Clause = [[...kw('source-ip'), { kind: 'ipv4', name: 'sourceIp' }]];
export const SOURCE_PORT: Clause = [[...kw('source-port'), { kind: 'number', name: 'sourcePort', min: 1, max: 65535 }]];
export const CONTROL: Clause = [kw('control', 'enable'), kw('control', 'disable')];

/** Every combination of the clauses, each present or absent, in order. */
export function combinations(clauses: readonly Clause[]): Token[][] {
  let out: Token[][] = [[]];
  for (const clause of clauses) out = out.flatMap((head) => [head, ...clause.map((alt) => [...head, ...alt])]);
  return out;
}

/** An optional address argument, checked as IOS checks it (`% Invalid input` when it is no address). */
export function addressArg(args: Args, name: string): string | undefined {
  if (args[name] === undefined) return undefined;
  const a = str(args, name);
  if (!isIpv4(a)) invalid();
  return a;
}

/** `control disable` among the clause tokens typed. */
export const controlDisabled = (tail: readonly Token[]): boolean => tail.some((t) => t.kind === 'keyword' && t.word === 'disable');

/**
 * IOS documents that the timeout must be at least the threshold. The lab
 * refuses to schedule an operation whose threshold is above its timeout; a
 * `threshold` line is not refused as it is typed, since IOS writes
 * `threshold` before `timeout` in the running configuration and that order
 * must load back, and a `timeout` below the threshold lowers the threshold
 * with it. The wording is the lab's (no IOS capture of this refusal was found).
 */
export const THRESHOLD_OVER_TIMEOUT = '%Threshold value must be less than or equal to the timeout value';

/** IOS: an operation's type and target are fixed once set; anything else is a new operation. */
export function refuseRetype(existing: IpSlaConfig | undefined, same: (cfg: IpSlaConfig) => boolean): void {
  if (existing && operationOf(existing) && !same(existing))
    throw new CliError(['%Cannot change the type or target of an existing entry; delete it first']);
}

export { hasOperationType } from '../config-model.js';
