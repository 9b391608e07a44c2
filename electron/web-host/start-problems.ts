import type { PortOwner } from './port-owner';

/** A start-up problem the user can fix: the message says what and how, and is all that is printed. */
export class StartProblem extends Error {
  override name = 'StartProblem';
}

const by = (owner: PortOwner | undefined): string => (owner ? ` by ${owner.command} (pid ${owner.pid})` : '');

/** The app's own port is taken: name it, who has it, and the options that get past it. */
export function appPortInUse(port: number, owner: PortOwner | undefined, freePort: number, otherAgent?: string): string {
  const lines = [
    `Port ${port} is already in use${by(owner)}.`,
    `Start Warmline on another port: npm start -- --port ${freePort}`,
  ];
  if (otherAgent) lines.push(`To sign in a second lab agent beside a running Warmline: npm start -- --agent ${otherAgent}`);
  return lines.join('\n');
}

/** The lab's port is taken by something that is not a Warmline lab (a lab there is joined instead). */
export function labPortInUse(port: number, owner: PortOwner | undefined, freePort: number): string {
  return [
    `The lab call center's port ${port} is already in use${by(owner)}, and that is not a Warmline lab.`,
    `Start the lab on another port: npm start -- --lab-port ${freePort}`,
    `Or use your own SIP server: npm start -- --no-lab, then Settings.`,
  ].join('\n');
}

export function isAddressInUse(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE';
}
