import type { CommandArgsMap } from '../../proto/commands.js';
import type { AgentConfig } from '../config/types.js';
import { validateConfig } from '../config/validate.js';
import type { JournalReader, RouteQueries } from '../ports/store.js';
import type { RouterCli } from '../ports/router-cli.js';
import type { CommandTarget, PathOverride, PolicyCheck } from './commands/command-target.js';
import { policyChanges } from './policy-changes.js';
import { mergePolicy } from './policy-config.js';
import { stateBody } from './report-bodies.js';
import type { Runtime } from './runtime.js';
import { CodedError } from '../../proto/coded-error.js';

export interface RuntimeCommandTargetDeps {
  runtime: Runtime;
  router: RouterCli;
  journal: JournalReader;
  /** The cached route tables (get-routes). */
  routes: RouteQueries;
  rebirth: () => Promise<void>;
  /** Applies a whole configuration (RunningAgent.reload): set-policy goes the same way as SIGHUP. */
  reload: (next: AgentConfig) => unknown;
}

/** A command the running agent refuses: its arguments name nothing it has, or a policy the schema rejects. */
type CommandFailureCode = 'NO_SUCH_CANDIDATE' | 'BAD_POLICY';

class CommandFailure extends CodedError<CommandFailureCode> {}

/** Signed commands acting on the running agent: overrides and policy go through the policy core as observations. */
export function runtimeCommandTarget(d: RuntimeCommandTargetDeps): CommandTarget {
  const routes = d.routes;
  // The configuration in force (SIGHUP and set-policy change it), to validate a new policy exactly like the file.
  const config = () => d.runtime.current.value;
  const inForce = (): AgentConfig['policy'] => structuredClone(config().policy);
  return {
    getState: () => stateBody(d.runtime),
    getRoutes(args: CommandArgsMap['get-routes']) {
      const table = { family: args.family ?? 'ipv4', vrf: args.vrf ?? '' } as const;
      const { snapshot, routes: cached } = routes.tableAt(table);
      const limit = args.limit ?? 500;
      return {
        table,
        snapshotMs: snapshot?.tsMs ?? null,
        count: cached.length,
        truncated: cached.length > limit,
        routes: cached.slice(0, limit).map((c) => c.route),
      };
    },
    getEvents(args: CommandArgsMap['get-events']) {
      return d.journal.query({
        ...(args.sinceMs !== undefined ? { sinceMs: args.sinceMs } : {}),
        ...(args.kinds ? { kinds: args.kinds } : {}),
        limit: args.limit ?? 200,
      });
    },
    forcePath(o: PathOverride) {
      const candidates = d.runtime.current.policy.candidates;
      const matches = candidates.filter((c) => (!o.peer || c.peer === o.peer) && (!o.source || c.source === o.source));
      if (matches.length === 0) {
        throw new CommandFailure(
          'NO_SUCH_CANDIDATE',
          `no candidate has ${[o.peer && `peer ${o.peer}`, o.source && `source ${o.source}`].filter(Boolean).join(' and ')}`,
        );
      }
      d.runtime.loop.observe({
        kind: 'override',
        ...(o.peer ? { peer: o.peer } : {}),
        ...(o.source ? { source: o.source } : {}),
        untilMs: o.untilMs,
        by: o.by,
      });
    },
    clearOverride(by: string) {
      d.runtime.loop.observe({ kind: 'clear-override', by });
    },
    validatePolicy(policy: Record<string, unknown>): PolicyCheck {
      const r = validateConfig({ ...structuredClone(config()), policy: mergePolicy(inForce(), policy) });
      return r.ok ? { ok: true } : { ok: false, errors: r.issues.map((i) => `${i.path}: ${i.message}`) };
    },
    applyPolicy(policy: Record<string, unknown>) {
      const before = inForce();
      const r = validateConfig({ ...structuredClone(config()), policy: mergePolicy(before, policy) });
      if (!r.ok) throw new CommandFailure('BAD_POLICY', r.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
      d.reload(r.config);
      return policyChanges(before, inForce(), policy);
    },
    runShow: (command: string) => d.router.show(command),
    rebirth: () => d.rebirth(),
  };
}
