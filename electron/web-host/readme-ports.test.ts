import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LAB_CONFIG_PATH, loadLabConfig } from '../lab';
import { labAgents } from './embedded-lab';
import { labAgentPort } from './start-options';

const README = join(dirname(fileURLToPath(import.meta.url)), '../../README.md');

/** The "user → port" pairs README lists for `npm start -- --agent USER`. */
function readmePorts(text: string): Map<string, number> {
  const pairs = new Map<string, number>();
  for (const [, user, port] of text.matchAll(/\b(\d{4}) → (\d{4})\b/g)) pairs.set(user!, Number(port));
  return pairs;
}

describe("README's lab agent ports", () => {
  it('name the port browser mode gives each lab agent, every agent listed', () => {
    const agents = labAgents(loadLabConfig(DEFAULT_LAB_CONFIG_PATH));
    const listed = readmePorts(readFileSync(README, 'utf8'));
    expect([...listed.keys()]).toEqual(agents);
    for (const [user, port] of listed) expect({ user, port }).toEqual({ user, port: labAgentPort(agents.indexOf(user)) });
  });
});
