import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadLabConfig, parseLabConfig } from './config.js';

describe('lab config', () => {
  it('loads the shipped default config', () => {
    const config = loadLabConfig(join(import.meta.dirname, 'lab.config.json'));
    expect(config.queues.map((q) => q.name)).toEqual(['support', 'senior', 'technical']);
    expect(config.queues[0]!.strategy).toBe('longest-idle');
  });

  it('names every problem with its path', () => {
    expect(() =>
      parseLabConfig({
        accounts: [{ user: '1001', password: 'x' }],
        queues: [{ name: 'support', members: ['1001', '4242'], strategy: 'random' }],
      }),
    ).toThrow(/accounts\.0\.password[\s\S]*queues\.0\.strategy[\s\S]*/);
    expect(() =>
      parseLabConfig({ accounts: [{ user: '1001', password: 'abcd' }], queues: [{ name: 'support', members: ['4242'] }] }),
    ).toThrow(/queues\.0\.members\.0: no account 4242/);
  });

  it('serves presence and dialog unless told to serve busy lamps only, and nothing it does not know', () => {
    const accounts = [{ user: '1001', password: 'abcd' }];
    expect(parseLabConfig({ accounts }).presencePackages).toEqual(['presence', 'dialog']);
    expect(parseLabConfig({ accounts, presencePackages: ['dialog'] }).presencePackages).toEqual(['dialog']);
    expect(() => parseLabConfig({ accounts, presencePackages: [] })).toThrow(/presencePackages/);
    expect(() => parseLabConfig({ accounts, presencePackages: ['xcap'] })).toThrow(/presencePackages\.0/);
  });
});
