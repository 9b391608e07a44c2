import { describe, expect, it } from 'vitest';
import { parseStartOptions, StartOptionError } from './start-options';

const context = {
  homeDir: '/home/ana',
  repoRoot: '/src/warmline',
  defaultAgent: '1001',
  agentPort: (agent: string) => ({ '1001': 5180, '1002': 5181, '2001': 5183 })[agent] ?? 0,
};
const parse = (argv: string[], env: Record<string, string> = {}) => parseStartOptions(argv, env, context);

describe('npm start options', () => {
  it('defaults: port 5180, the desktop app data folder, the lab on 5090', () => {
    expect(parse([])).toEqual({
      port: 5180,
      portChosen: false,
      dataDir: '/home/ana/.config/Warmline',
      rendererDir: '/src/warmline/out/renderer',
      labPort: 5090,
      noLab: false,
      agent: undefined,
      help: false,
      resetCorruptDb: false,
    });
    expect(parse(['--reset-corrupt-db'])).toMatchObject({ resetCorruptDb: true });
  });

  it('--agent 2001 gets its own port and data folder, beside the first Warmline', () => {
    expect(parse(['--agent', '2001'])).toMatchObject({
      agent: '2001',
      port: 5183,
      portChosen: false,
      dataDir: '/home/ana/.config/Warmline-2001',
    });
    expect(parse(['--agent', '2001'], { WARMLINE_DATA_DIR: '/data/wl' })).toMatchObject({ dataDir: '/data/wl-2001' });
  });

  it('--agent of the default agent keeps the plain start port and folder', () => {
    expect(parse(['--agent', '1001'])).toMatchObject({ agent: '1001', port: 5180, dataDir: '/home/ana/.config/Warmline' });
  });

  it('explicit --port and --data-dir win over the agent defaults', () => {
    expect(parse(['--agent', '2001', '--port', '6000', '--data-dir', '/x'])).toMatchObject({
      port: 6000,
      portChosen: true,
      dataDir: '/x',
    });
    expect(parse([], { WARMLINE_PORT: '7000' })).toMatchObject({ port: 7000, portChosen: true });
  });

  it('refuses what cannot work, saying why', () => {
    expect(() => parse(['--port', 'abc'])).toThrow(StartOptionError);
    expect(() => parse(['--port', '70000'])).toThrow(/--port needs a port number/);
    expect(() => parse(['--lab-port', '-1'])).toThrow(/--lab-port/);
    expect(() => parse(['--agent', 'a b'])).toThrow(/--agent needs a lab user/);
    expect(() => parse(['--agent', '2001', '--no-lab'])).toThrow(/cannot go with --no-lab/);
  });
});
