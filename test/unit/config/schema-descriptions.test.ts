import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA } from '../../../agent/config/schema.js';
import { schemaKeys } from '../../../agent/config/schema-keys.js';
import type { SchemaView } from '../../../agent/config/schema-view.js';

/** The keys of `schema` that carry no description (what `config check --explain` would print empty). */
const undescribed = (schema: SchemaView) =>
  schemaKeys(schema)
    .filter((k) => typeof k.node.description !== 'string' || k.node.description.trim().length < 10)
    .map((k) => k.path);

describe('configuration schema documentation', () => {
  it('describes every key, nested ones, list items and secret forms included', () => {
    const keys = schemaKeys();
    // The walk reaches the depths: a list's items, a secret's forms, a section in a section.
    expect(keys.map((k) => k.path)).toEqual(
      expect.arrayContaining([
        'flexvpn.sources[].metered.budget',
        'routes.expectations.required[].prefix',
        'mqtt.commandKeys[].publicKey.file',
        'router.ssh.password.env',
        'policy.damping.halfLifeSec',
        'dualCloud.returnPath.community',
      ]),
    );
    expect(keys.length).toBeGreaterThan(150);
    expect(undescribed(CONFIG_SCHEMA)).toEqual([]);
  });

  it('fails when a key loses its description', () => {
    const copy: SchemaView = structuredClone(CONFIG_SCHEMA);
    const node = schemaKeys(copy).find((k) => k.path === 'policy.damping.halfLifeSec')!.node;
    expect(undescribed(copy)).toEqual([]);
    Reflect.deleteProperty(node, 'description');
    expect(undescribed(copy)).toEqual(['policy.damping.halfLifeSec']);
  });

  it('says for every top-level key whether a reload applies it', () => {
    const top = schemaKeys().filter((k) => k.names.length === 1);
    expect(top.filter((k) => k.node['x-reload'] === undefined).map((k) => k.path)).toEqual([]);
    expect(top.filter((k) => k.reload === 'live').map((k) => k.path)).toEqual(['policy']);
  });
});
