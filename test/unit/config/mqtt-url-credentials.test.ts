import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withIoxEnv } from '../../../agent/config/iox-env.js';
import { loadConfigFile, loadConfigText } from '../../../agent/config/load.js';
import { redact } from '../../../agent/config/secrets.js';
import { tempDir } from '../../support/temp-dir.js';
import { MINIMAL } from './minimal-config.js';

const WITH_MQTT = (url: string) => `${MINIMAL}mqtt:\n  url: "${url}"\n`;

const urlIssue = (r: ReturnType<typeof loadConfigText>) => {
  expect(r.ok).toBe(false);
  if (r.ok) return '';
  const issue = r.issues.find((i) => i.path === 'mqtt.url');
  expect(issue).toBeDefined();
  return issue!.message;
};

/** Finding 8 (red team 2026-12-06): `mqtt://spoke:UrlSecret-999@host:1883` was accepted, printed and logged. */
describe('no credentials in mqtt.url', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('accepts a URL without userinfo', () => {
    expect(loadConfigText(WITH_MQTT('mqtts://broker.example.net:8883')).ok).toBe(true);
  });

  it.each(['mqtt://spoke:UrlSecret-999@127.0.0.1:1883', 'mqtts://UrlSecret-999@broker:8883/'])(
    'refuses %s, pointing to mqtt.username / mqtt.password, without echoing the secret',
    (url) => {
      const m = urlIssue(loadConfigText(WITH_MQTT(url)));
      expect(m).toContain('mqtt.username');
      expect(m).toContain('mqtt.password');
      expect(m).not.toContain('UrlSecret');
    },
  );

  it('refuses it from SPOKEPILOT_MQTT_URL too', () => {
    const m = urlIssue(
      loadConfigText(WITH_MQTT('mqtt://broker:1883'), [], { SPOKEPILOT_MQTT_URL: 'mqtt://spoke:UrlSecret-999@broker:1883' }),
    );
    expect(m).not.toContain('UrlSecret');
  });

  it('refuses it from IOx /data/.env too', () => {
    const envFile = join(tmp.dir, '.env');
    writeFileSync(envFile, 'export SPOKEPILOT_MQTT_URL="mqtt://spoke:UrlSecret-999@broker:1883"\n');
    const yaml = join(tmp.dir, 'c.yaml');
    writeFileSync(yaml, MINIMAL);
    const m = urlIssue(loadConfigFile(yaml, withIoxEnv({}, envFile)));
    expect(m).not.toContain('UrlSecret');
  });

  it('redact() hides userinfo in any string that looks like a URL, wherever it is', () => {
    const out = JSON.stringify(
      redact({ mqtt: { url: 'mqtt://spoke:UrlSecret-999@host:1883' }, exec: { command: ['x', '--url=https://u:UrlSecret-999@h/p'] } }),
    );
    expect(out).not.toContain('UrlSecret');
    expect(out).toContain('mqtt://[redacted]@host:1883');
  });
});
