// The wrap-up's and call notes' bounds without their zod schemas (wrap-up.ts, call-notes.ts): the
// renderer's start code caps what the agent types with these (issue 19).

export const WRAP_UP_LIMITS = { disposition: 64, notes: 4000, followUpNumber: 64, breakNote: 128 } as const;
export const CALL_NOTES_LIMITS = { notes: WRAP_UP_LIMITS.notes, remoteName: 128, remoteNumber: 64 } as const;
