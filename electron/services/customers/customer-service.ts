import type {
  AddCustomerNote,
  Callback,
  CloseFollowUp,
  CustomerNote,
  CustomerView,
  SnoozeFollowUp,
} from '../../../shared/history';
import { HostServiceError } from '../../../shared/host-api';
import type { CustomerStore } from './customer-store';

export interface CustomerServiceDeps {
  readonly store: CustomerStore;
  readonly now: () => number;
}

/** The screen pop and customer notes; keys arrive validated (`tel:` + normalised number, or `ref:` + reference). */
export function createCustomerService({ store, now }: CustomerServiceDeps) {
  return {
    /** Never not-found: a first-time caller has an empty screen pop. */
    get: (key: string): CustomerView => store.view(key),

    /** May name a call still in progress: notes are taken during the call, which is recorded when it ends. */
    addNote: (note: AddCustomerNote): CustomerNote => store.addNote(note, now()),

    closeFollowUp({ noteId, closedAt }: CloseFollowUp): null {
      if (store.closeFollowUp(noteId, closedAt) === 'not-found') {
        throw new HostServiceError({ code: 'not-found', message: 'No follow-up with that id.' });
      }
      return null;
    },

    /** The open callbacks, by when they are due (the agent's home). */
    callbacks: (): Callback[] => store.callbacks(),

    snoozeFollowUp({ noteId, until }: SnoozeFollowUp): null {
      if (store.snoozeFollowUp(noteId, until) === 'not-found') {
        throw new HostServiceError({ code: 'not-found', message: 'No open follow-up with that id.' });
      }
      return null;
    },
  };
}

export type CustomerService = ReturnType<typeof createCustomerService>;
