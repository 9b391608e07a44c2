import { HOST_EVENT_CHANNEL } from '../../shared/host-api/channels';
import { hostEventSchema, type HostEvent } from '../../shared/host-api/events';

/** The part of a WebContents the outlet needs: where events go. */
export interface EventTarget {
  send(channel: string, payload: unknown): void;
  isDestroyed(): boolean;
}

/** Dial links held while no page listens; a handful is plenty (the agent clicked a link or two at launch). */
const MAX_HELD = 8;

/**
 * Main → renderer push events, validated on the way out. Until the app's page says it listens,
 * dial links are held and delivered when it does; commands are dropped instead, because an
 * "answer" delivered late would act on whatever call rings by then.
 */
export function createHostEventOutlet(log: (message: string) => void = () => {}) {
  let target: EventTarget | undefined;
  const held: HostEvent[] = [];

  function deliver(event: HostEvent): boolean {
    if (!target || target.isDestroyed()) return false;
    target.send(HOST_EVENT_CHANNEL, event);
    return true;
  }

  return {
    push(raw: HostEvent): void {
      const parsed = hostEventSchema.safeParse(raw);
      if (!parsed.success) {
        log(`host-events: refused an invalid ${String((raw as { type?: unknown }).type)} event`);
        return;
      }
      const event = parsed.data;
      if (deliver(event)) return;
      if (event.type === 'dial-link') {
        held.push(event);
        if (held.length > MAX_HELD) held.shift();
      } else {
        log(`host-events: dropped "${event.command}": the app's page is not listening`);
      }
    },
    /** The page subscribed (first load, or again after a reload): hand it what was held. */
    listening(contents: EventTarget): void {
      target = contents;
      for (const event of held.splice(0)) deliver(event);
    },
    /** The page is going away (reload, crash, window closed): hold dial links until it is back. */
    notListening(): void {
      target = undefined;
    },
  };
}

export type HostEventOutlet = ReturnType<typeof createHostEventOutlet>;
