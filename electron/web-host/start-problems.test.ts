import { describe, expect, it } from 'vitest';
import { parseLabStatus } from './lab-probe';
import { commandLine, listeningInodes } from './port-owner';
import { appPortInUse, labPortInUse } from './start-problems';

// A /proc/net/tcp table: 127.0.0.1:5180 (0x143C) listening, a connection from port 5180, 0.0.0.0:5090 (0x13E2) listening.
const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:143C 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0
   1: 0100007F:143C 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 4343 1 0000000000000000 20 4 30 10 -1
   2: 00000000:13E2 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4444 1 0000000000000000 100 0 0 10 0
`;

describe('start-up problems', () => {
  it('finds the listening socket of a port in /proc/net/tcp, not its connections', () => {
    expect(listeningInodes(TCP, 5180)).toEqual(['4242']);
    expect(listeningInodes(TCP, 5090)).toEqual(['4444']);
    expect(listeningInodes(TCP, 5181)).toEqual([]);
    expect(listeningInodes('', 5180)).toEqual([]);
  });

  it('shows a command line on one bounded line', () => {
    expect(commandLine('node\x00out/host/web-host.js\x00--port\x005180\x00')).toBe('node out/host/web-host.js --port 5180');
    expect(commandLine(`x\0${'y'.repeat(500)}`)).toHaveLength(120);
  });

  it('a taken app port names the port, who has it, another port and the second-agent command', () => {
    const text = appPortInUse(5180, { pid: 77, command: 'node out/host/web-host.js' }, 5181, '2001');
    expect(text).toContain('Port 5180 is already in use by node out/host/web-host.js (pid 77).');
    expect(text).toContain('npm start -- --port 5181');
    expect(text).toContain('npm start -- --agent 2001');
    expect(appPortInUse(5180, undefined, 5181)).toBe(
      'Port 5180 is already in use.\nStart Warmline on another port: npm start -- --port 5181',
    );
  });

  it('a lab port held by something else names it and the options', () => {
    const text = labPortInUse(5090, { pid: 9, command: 'python3 -m http.server 5090' }, 5091);
    expect(text).toContain('port 5090 is already in use by python3 -m http.server 5090 (pid 9)');
    expect(text).toContain('--lab-port 5091');
    expect(text).toContain('--no-lab');
  });

  it('recognises a Warmline lab by its status document, and nothing else', () => {
    const status = JSON.stringify({
      domain: 'warmline.lab',
      queues: [],
      agents: [
        { user: '1001', registered: true },
        { user: '2001', registered: false },
        { user: 7, registered: true },
      ],
    });
    expect(parseLabStatus(status)).toEqual({ domain: 'warmline.lab', registeredAgents: ['1001'] });
    expect(parseLabStatus('<html>')).toBeUndefined();
    expect(parseLabStatus('{"domain":"x"}')).toBeUndefined();
    expect(parseLabStatus('null')).toBeUndefined();
  });
});
