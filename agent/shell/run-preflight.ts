import type { AgentConfig } from '../config/types.js';
import { preflight, type PreflightProblem } from '../core/preflight.js';
import { routerJudgement, type RouterJudgement } from '../core/router-judgement.js';
import { dualCloudPreflight, type DualCloudProblem } from '../core/dual-cloud/preflight.js';
import type { RouterCli } from '../ports/router-cli.js';
import { describeError } from '../../proto/coded-error.js';

export type PreflightOutcome =
  /** With the router's own judgement of hubs and WANs, read from the same configuration. */
  | { status: 'passed'; judgement: RouterJudgement }
  | { status: 'failed'; problems: (PreflightProblem | DualCloudProblem)[] }
  /** The router could not be read: nothing is known either way. */
  | { status: 'unknown'; code: string; message: string };

/** Reads the running configuration and checks the agent's configuration against it (agent/core/preflight.ts). */
export async function runPreflight(config: AgentConfig, router: RouterCli): Promise<PreflightOutcome> {
  let text: string;
  try {
    text = await router.show('show running-config');
  } catch (err) {
    const { code, message } = describeError(err);
    return { status: 'unknown', code: code ?? 'ROUTER_FAILED', message };
  }
  if (config.dualCloud) {
    const problems = dualCloudPreflight(config.dualCloud, config.candidates, text);
    // No tracks of the router's own to read in this design: its judgement is BGP's, read with each poll.
    return problems.length > 0 ? { status: 'failed', problems } : { status: 'passed', judgement: { peers: [], sources: [] } };
  }
  const problems = preflight({
    client: config.flexvpn.client, strategy: config.actuation.strategy,
    peers: config.flexvpn.peers, sources: config.flexvpn.sources, candidates: config.candidates,
    tunnelProbes: { tunnel: config.flexvpn.tunnel, operations: config.flexvpn.tunnelSlaOperations },
  }, text);
  if (problems.length > 0) return { status: 'failed', problems };
  return { status: 'passed', judgement: routerJudgement({ client: config.flexvpn.client, peers: config.flexvpn.peers, sources: config.flexvpn.sources }, text) };
}
