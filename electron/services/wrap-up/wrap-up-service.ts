import { normaliseRemoteNumber } from '../../../shared/history/remote-number';
import { customerKeyForNumber, type FinishWrapUp, type OpenWrapUp, type WrapUpDraft } from '../../../shared/history';
import { HostServiceError } from '../../../shared/host-api';
import type { WrapUpStore } from './wrap-up-store';

export interface WrapUpServiceDeps {
  readonly store: WrapUpStore;
  readonly now: () => number;
  readonly defaultCountry?: () => string;
}

const callNotRecorded = () =>
  new HostServiceError({
    code: 'not-found',
    message: 'That call is not in the history: record it when it ends, before wrap-up.',
  });

/**
 * After-call work that survives a crash: the form is saved on every change and read back on start
 * (`open`), and finishing writes the disposition, notes and ACW time onto the call, drops the draft
 * and records any callback owed as an open follow-up on the customer.
 */
export function createWrapUpService({ store, now, defaultCountry }: WrapUpServiceDeps) {
  return {
    saveDraft(draft: WrapUpDraft): null {
      if (!store.call(draft.callId)) throw callNotRecorded();
      store.saveDraft(draft, now());
      return null;
    },

    open(): OpenWrapUp | null {
      return store.open() ?? null;
    },

    finish(finish: FinishWrapUp): void {
      const call = store.call(finish.callId);
      if (!call) throw callNotRecorded();
      let followUp;
      if (finish.followUp) {
        const fromNumber = finish.followUp.number
          ? customerKeyForNumber(normaliseRemoteNumber(finish.followUp.number, defaultCountry?.()))
          : undefined;
        const customerKey = call.customerKey ?? fromNumber;
        if (!customerKey) {
          throw new HostServiceError({
            code: 'invalid-input',
            message: 'followUp.number: the caller left no number; give one to call back',
            issues: [{ path: 'followUp.number', message: 'required' }],
          });
        }
        followUp = { customerKey, text: finish.notes, at: finish.followUp.at, number: finish.followUp.number };
      }
      store.finish(finish, Math.max(0, finish.finishedAt - call.endedAt), followUp, now());
    },
  };
}

export type WrapUpService = ReturnType<typeof createWrapUpService>;
