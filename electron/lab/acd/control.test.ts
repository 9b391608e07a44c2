import { describe, expect, it } from 'vitest';
import { parseLabConfig } from '../config.js';
import { AgentBoard } from './agents.js';
import { runControlCommand } from './control.js';

const config = parseLabConfig({
  accounts: [
    { user: '1001', password: 'pw-1001' },
    { user: '2001', password: 'pw-2001' },
  ],
  queues: [
    { name: 'support', members: ['1001'] },
    { name: 'senior', members: ['1001', '2001'] },
  ],
});

describe('queue control commands', () => {
  const board = () => new AgentBoard(config, { isRegistered: () => true, activeCalls: () => 0 });

  it('pauses and unpauses every queue of the agent', () => {
    const b = board();
    expect(runControlCommand(b, '1001', 'pause')).toEqual({ ok: true, state: 'support=paused, senior=paused' });
    expect(runControlCommand(b, '1001', 'unpause senior')).toEqual({ ok: true, state: 'support=paused, senior=available' });
  });

  it('logs out and in', () => {
    const b = board();
    expect(runControlCommand(b, '2001', 'logout')).toEqual({ ok: true, state: 'senior=logged-out' });
    expect(runControlCommand(b, '2001', 'login senior')).toEqual({ ok: true, state: 'senior=available' });
  });

  it('refuses queues the agent is not a member of, and unknown commands', () => {
    const b = board();
    expect(runControlCommand(b, '2001', 'login support')).toMatchObject({ ok: false, status: 403 });
    expect(runControlCommand(b, '2001', 'dance')).toMatchObject({ ok: false, status: 400 });
    expect(runControlCommand(b, '2001', '')).toMatchObject({ ok: false, status: 400 });
  });
});
