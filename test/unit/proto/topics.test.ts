import { describe, expect, it } from 'vitest';
import { DEFAULT_ROOT, fleetFilter, nodeTopics, parseTopic, topicOf, TopicError } from '../../../proto/topics.js';
import { markHistorical } from '../../../proto/payloads.js';

describe('topics', () => {
  it('builds and parses <root>/<site>/<node>/<leaf>', () => {
    const t = topicOf(DEFAULT_ROOT, { site: 'paris', node: 'spoke-17' }, 'state');
    expect(t).toBe('spokepilot/v1/paris/spoke-17/state');
    expect(parseTopic(DEFAULT_ROOT, t)).toEqual({ site: 'paris', node: 'spoke-17', leaf: 'state' });
    expect(nodeTopics('acme/vpn', { site: 's', node: 'n' }).cmd).toBe('acme/vpn/s/n/cmd');
    expect(fleetFilter(DEFAULT_ROOT)).toBe('spokepilot/v1/+/+/+');
    expect(fleetFilter(DEFAULT_ROOT, 'paris')).toBe('spokepilot/v1/paris/+/+');
  });

  it('refuses names that would break the tree or match wildcards', () => {
    for (const bad of ['', 'a/b', '+', '#', 'a b', '$SYS', 'x'.repeat(65), 'é']) {
      expect(() => topicOf(DEFAULT_ROOT, { site: bad, node: 'n' }, 'state'), bad).toThrow(TopicError);
    }
    expect(() => topicOf('root/', { site: 's', node: 'n' }, 'state')).toThrow(TopicError);
  });

  it('ignores topics that are not ours', () => {
    expect(parseTopic(DEFAULT_ROOT, 'spokepilot/v1/s/n/unknown')).toBeUndefined();
    expect(parseTopic(DEFAULT_ROOT, 'spokepilot/v1/s/n/x/state')).toBeUndefined();
    expect(parseTopic(DEFAULT_ROOT, 'other/v1/s/n/state')).toBeUndefined();
  });

  it('marks a stored payload historical without re-serialising it', () => {
    expect(JSON.parse(markHistorical('{"v":1,"id":"a","ts":5}'))).toEqual({ historical: true, v: 1, id: 'a', ts: 5 });
    expect(markHistorical(markHistorical('{"v":1}'))).toBe('{"historical":true,"v":1}');
    expect(markHistorical('{}')).toBe('{"historical":true}');
  });
});
