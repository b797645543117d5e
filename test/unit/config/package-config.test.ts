import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigFile } from '../../../agent/config/load.js';
import { withIoxEnv } from '../../../agent/config/iox-env.js';
import { parsePackageConfig } from '../../../agent/config/package-config.js';
import { tempDir } from '../../support/temp-dir.js';

const YAML = `
site: s1
node: n1
router: { ssh: { host: 192.168.1.1, username: u, password: p, acceptAnyHostKey: true } }
flexvpn:
  client: FLEX
  tunnel: Tunnel100
  peers: [{ address: 192.0.2.1, stubTrack: 101 }]
  sources: [{ interface: GigabitEthernet0/0, stubTrack: 111 }]
candidates: [{ id: a, peer: 192.0.2.1, source: GigabitEthernet0/0, slaOperations: [1] }]
`;

describe('IOx package_config.ini and environment overrides', () => {
  it('loads the YAML the ini names, with the ini overrides, then the environment on top', () => {
    const tmp = tempDir();
    mkdirSync(join(tmp.dir, 'appdata'));
    writeFileSync(join(tmp.dir, 'appdata', 'spokepilot.yaml'), YAML);
    writeFileSync(
      join(tmp.dir, 'package_config.ini'),
      '[config]\nfile = appdata/spokepilot.yaml\n[agent]\nsite = branch-7\nnode =\nhttp_port = 9001\n[syslog]\nlisten = 0.0.0.0:5514\n',
    );
    const r = loadConfigFile(join(tmp.dir, 'package_config.ini'), { SPOKEPILOT_NODE: 'spoke-9', SPOKEPILOT_POLICY_MODE: 'dry-run' });
    tmp.cleanup();
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.config).toMatchObject({
      site: 'branch-7',
      node: 'spoke-9',
      http: { listen: '127.0.0.1:9001' },
      syslog: { listen: '0.0.0.0:5514' },
      policy: { mode: 'dry-run' },
    });
  });

  it('names the line of an unknown setting or a bad port', () => {
    const r = parsePackageConfig('[agent]\nsite = x\nfrobnicate = 1\nhttp_port = 99999\n');
    expect(r).toEqual({ ok: false, errors: ['line 3: unknown setting [agent] frobnicate', 'line 4: http_port must be a port number'] });
  });

  it('reads IOx variables from /data/.env on IR8x9, the real environment winning', () => {
    const tmp = tempDir();
    const file = join(tmp.dir, '.env');
    writeFileSync(file, 'export CAF_APP_PERSISTENT_DIR="/data"\nCAF_APP_LOG_DIR=/data/logs\n# comment\n');
    const env = withIoxEnv({ CAF_APP_LOG_DIR: '/elsewhere' }, file);
    tmp.cleanup();
    expect(env).toMatchObject({ CAF_APP_PERSISTENT_DIR: '/data', CAF_APP_LOG_DIR: '/elsewhere' });
  });
});
