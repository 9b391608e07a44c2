import type { IceServer } from '../../../../shared/settings';

/**
 * ICE servers as the agent edits them: one per line, "URL [username credential]", the way
 * call-center IT usually hands them out. Blank lines are ignored.
 */
export function parseIceServersText(text: string): IceServer[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [urls = '', username, credential] = line.split(/\s+/);
      return { urls, ...(username ? { username } : {}), ...(credential ? { credential } : {}) };
    });
}

export function formatIceServersText(servers: readonly IceServer[]): string {
  return servers.map((s) => [s.urls, s.username, s.credential].filter(Boolean).join(' ')).join('\n');
}
