/**
 * `show crypto ikev2 client flexvpn [NAME]` (corpus:
 * samples/show_crypto_ikev2_client_flexvpn, from Cisco's FlexVPN client guide).
 */
import type { RouterModel } from '../router/model.js';

export function renderFlexvpnClient(m: RouterModel, only?: string): string {
  const out: string[] = [];
  for (const cfg of m.config.flexClients.values()) {
    if (only !== undefined && cfg.name !== only) continue;
    const rt = m.rt.clients.get(cfg.name);
    const sa = m.rt.sas.find((s) => s.tunnelId === rt?.tunnelId);
    const peer = sa?.peerAddress ?? rt?.negotiation?.peerAddress;
    const source = sa?.sourceInterface ?? rt?.negotiation?.source ?? rt?.lastSource;
    if (out.length > 0) out.push('');
    out.push(
      `  Profile : ${cfg.name}`,
      `  Current state:${sa ? 'ACTIVE' : rt?.negotiation ? 'CONNECTING' : 'INACTIVE'}`,
      `  Peer : ${peer ?? 'None'}`,
      `  Source : ${source ?? 'None'}`,
      '  ivrf : IP DEFAULT',
      '  fvrf : IP DEFAULT',
      `  Backup group: ${cfg.backupGroup === undefined ? 'None' : cfg.backupGroup}`,
      `  Tunnel interface : ${cfg.connectInterface ?? 'None'}`,
    );
  }
  return out.join('\n');
}
