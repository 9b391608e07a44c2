import { get } from 'node:http';

/** What another process's lab tells about itself on `GET /status` (the fields we rely on). */
export interface RunningLab {
  readonly domain: string;
  readonly registeredAgents: readonly string[];
}

const MAX_STATUS_BYTES = 4 * 1024 * 1024;

/**
 * Is a Warmline lab listening on this loopback port? Its `/status` document says so (a domain and
 * queues); anything else (no answer in time, another server, not JSON) is undefined.
 */
export function probeLab(port: number, timeoutMs = 2000): Promise<RunningLab | undefined> {
  return new Promise((resolve) => {
    const req = get({ host: '127.0.0.1', port, path: '/status', timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
        if (body.length > MAX_STATUS_BYTES) req.destroy();
      });
      res.on('end', () => resolve(res.statusCode === 200 ? parseLabStatus(body) : undefined));
      res.on('error', () => resolve(undefined));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
  });
}

/** The lab's status document, checked field by field: it comes from whatever holds the port. */
export function parseLabStatus(text: string): RunningLab | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof doc !== 'object' || doc === null) return undefined;
  const { domain, queues, agents } = doc as Record<string, unknown>;
  if (typeof domain !== 'string' || domain.length > 253 || !Array.isArray(queues)) return undefined;
  const registeredAgents = Array.isArray(agents)
    ? agents.flatMap((a: unknown) => {
        const { user, registered } = (typeof a === 'object' && a !== null ? a : {}) as Record<string, unknown>;
        return typeof user === 'string' && registered === true ? [user] : [];
      })
    : [];
  return { domain, registeredAgents };
}
