/** mqtt.urls (a clustered broker's endpoints) and the names a broker of the matrix would mangle. */
import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../../agent/config/load.js';
import { mqttEndpoints } from '../../../agent/config/types.js';
import { MINIMAL } from './minimal-config.js';

const issues = (text: string) => {
  const r = loadConfigText(text);
  return r.ok ? [] : r.issues;
};

describe('mqtt.urls', () => {
  it('takes a list of endpoints, and mqttEndpoints gives it (or the one url)', () => {
    const r = loadConfigText(`${MINIMAL}mqtt:\n  urls: [mqtt://10.0.0.1:1883, mqtt://10.0.0.2:1883, mqtt://10.0.0.3:1883]\n`);
    expect(r.ok).toBe(true);
    if (r.ok) expect(mqttEndpoints(r.config.mqtt!)).toEqual(['mqtt://10.0.0.1:1883', 'mqtt://10.0.0.2:1883', 'mqtt://10.0.0.3:1883']);
    const one = loadConfigText(`${MINIMAL}mqtt:\n  url: mqtt://10.0.0.1:1883\n`);
    if (one.ok) expect(mqttEndpoints(one.config.mqtt!)).toEqual(['mqtt://10.0.0.1:1883']);
    else expect.fail(JSON.stringify(one.issues));
  });

  it('wants one of url and urls, not neither nor both', () => {
    expect(issues(`${MINIMAL}mqtt:\n  root: spokepilot/v1\n`)).toEqual([
      expect.objectContaining({ path: 'mqtt.url', message: expect.stringContaining('mqtt.urls') }),
    ]);
    expect(issues(`${MINIMAL}mqtt:\n  url: mqtt://a:1883\n  urls: [mqtt://b:1883]\n`)).toEqual([
      expect.objectContaining({ path: 'mqtt.urls', message: expect.stringContaining('both set') }),
    ]);
  });

  it('checks each endpoint like url: no credentials, no path; tls wants every one mqtts', () => {
    const bad = issues(`${MINIMAL}mqtt:\n  urls: [mqtt://a:1883, "mqtt://u:Secret-1@b:1883"]\n`);
    expect(bad[0]!.path).toBe('mqtt.urls[1]');
    expect(JSON.stringify(bad)).not.toContain('Secret-1');
    expect(issues(`${MINIMAL}mqtt:\n  urls: [mqtt://a:1883, mqtt://a:1883]\n`)[0]!.path).toBe('mqtt.urls');
    const tls = issues(`${MINIMAL}mqtt:\n  urls: [mqtts://a:8883, mqtt://b:1883]\n  tls: { caFile: ca.pem }\n`);
    expect(tls).toEqual([expect.objectContaining({ path: 'mqtt.tls', message: expect.stringContaining('not every one of mqtt.urls') })]);
  });
});

describe('names every broker of the matrix handles', () => {
  it.each([
    ['site', 'paris.fr'],
    ['node', 'spoke.17'],
  ] as const)('refuses a dotted %s, saying why (RabbitMQ) and what to use instead', (field, value) => {
    const text = `${MINIMAL.replace(`${field}: ${field === 'site' ? 's1' : 'n1'}`, `${field}: ${value}`)}mqtt:\n  url: mqtt://a:1883\n`;
    const found = issues(text);
    expect(found).toHaveLength(1);
    expect(found[0]!.path).toBe(field);
    expect(found[0]!.message).toContain('RabbitMQ');
    expect(found[0]!.message).toContain(value.replace('.', '-'));
  });

  it('refuses a dotted topic root, and leaves dotted names alone when the agent has no broker', () => {
    expect(issues(`${MINIMAL}mqtt:\n  url: mqtt://a:1883\n  root: fleet.eu/v1\n`)[0]!.path).toBe('mqtt.root');
    expect(loadConfigText(MINIMAL.replace('site: s1', 'site: paris.fr')).ok).toBe(true);
  });
});
