import type { AgentConfig } from '../../config/types.js';
import { preflight, type PreflightProblem } from '../../core/preflight.js';
import { routerJudgement, type RouterJudgement } from '../../core/router-judgement.js';
import { dualCloudPreflight, type DualCloudProblem } from '../../core/dual-cloud/preflight.js';
import type { RouterCli } from '../../ports/router-cli.js';
import { describeError, errorCode } from '../../../proto/coded-error.js';

export type PreflightOutcome =
  /** With the router's own judgement of hubs and WANs, read from the same configuration. */
  | { status: 'passed'; judgement: RouterJudgement }
  | { status: 'failed'; problems: (PreflightProblem | DualCloudProblem)[] }
  /** The router could not be read: nothing is known either way. */
  | { status: 'unknown'; code: string; message: string };

/**
 * The whole running configuration. A user in a CLI view (parser view) sees in `show running-config`
 * only the commands its view may enter; `view full` shows it all (Cisco: "show running-config"). A release
 * without the keyword refuses it, and then the plain command is what there is.
 */
export async function readRunningConfig(router: RouterCli): Promise<string> {
  try {
    return await router.show('show running-config view full');
  } catch (err) {
    if (errorCode(err) !== 'ROUTER_CLI_ERROR') throw err;
    return router.show('show running-config');
  }
}

/** Reads the running configuration and checks the agent's configuration against it (agent/core/preflight.ts). */
export async function runPreflight(config: AgentConfig, router: RouterCli): Promise<PreflightOutcome> {
  let text: string;
  try {
    text = await readRunningConfig(router);
  } catch (err) {
    const { code, message } = describeError(err);
    return { status: 'unknown', code: code ?? 'ROUTER_FAILED', message };
  }
  if (config.dualCloud) {
    const problems = dualCloudPreflight(config.dualCloud, config.candidates, text);
    // No tracks of the router's own to read in this design: its judgement is BGP's, read with each poll.
    return problems.length > 0 ? { status: 'failed', problems } : { status: 'passed', judgement: { peers: [], sources: [] } };
  }
  const problems = preflight(
    {
      client: config.flexvpn.client,
      strategy: config.actuation.strategy,
      ...(config.actuation.setTracksWith === 'eem-applets' ? { eemAppletPrefix: config.actuation.eemAppletPrefix } : {}),
      peers: config.flexvpn.peers,
      sources: config.flexvpn.sources,
      candidates: config.candidates,
      tunnelProbes: { tunnel: config.flexvpn.tunnel, operations: config.flexvpn.tunnelSlaOperations },
    },
    text,
  );
  if (problems.length > 0) return { status: 'failed', problems };
  return {
    status: 'passed',
    judgement: routerJudgement({ client: config.flexvpn.client, peers: config.flexvpn.peers, sources: config.flexvpn.sources }, text),
  };
}
