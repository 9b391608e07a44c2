import { describe, expect, it } from 'vitest';
import { DraftMemory } from './draft-memory';
import { EMPTY_DRAFT } from './escalation-draft';

describe('escalation drafts kept per call', () => {
  it('gives back what was written for that call, and nothing for another', () => {
    const memory = new DraftMemory();
    const draft = {
      ...EMPTY_DRAFT,
      reason: 'wants-higher-authority',
      severity: 2,
      summary: 'Refund refused',
      note: 'Email',
    } as const;
    memory.keep('call-1', draft);
    expect(memory.recall('call-1')).toEqual(draft);
    expect(memory.recall('call-2')).toBeUndefined();
  });

  it('keeps only the most recent calls', () => {
    const memory = new DraftMemory();
    for (let i = 0; i < 10; i++) memory.keep(`call-${i}`, { ...EMPTY_DRAFT, summary: String(i) });
    memory.keep('call-2', { ...EMPTY_DRAFT, summary: 'again' });
    expect(memory.recall('call-0')).toBeUndefined();
    expect(memory.recall('call-1')).toBeUndefined();
    expect(memory.recall('call-3')?.summary).toBe('3');
    expect(memory.recall('call-2')?.summary).toBe('again');
    expect(memory.recall('call-9')?.summary).toBe('9');
  });
});
