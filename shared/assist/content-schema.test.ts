import { describe, expect, it } from 'vitest';
import { assistContentSchema, compareContent, REQUIRED_AVOID_IDS, type AssistContent } from './content-schema';

const two = (word: string) => [`${word} one`, `${word} two`];
const sample = (word: string): AssistContent => ({
  stages: {
    vent: { name: `${word} vent`, items: [`${word} listen`] },
    reassure: { name: `${word} reassure`, items: [`${word} steer`] },
    resolve: { name: `${word} resolve`, items: [`${word} confirm`, `${word} anything else`] },
  },
  phrases: {
    acknowledgement: two(`${word} ack`),
    apology: two(`${word} sorry`),
    options: two(`${word} options`),
    timeline: two(`${word} timeline`),
    closing: two(`${word} closing`),
  },
  avoid: REQUIRED_AVOID_IDS.map((id) => ({ id, variants: [`${word} ${id}`], instead: `${word} instead of ${id}` })),
  abuse: { steps: two(`${word} boundary`) },
  hold: { checkIn: `${word} still working on it`, return: [`${word} thanks for holding`] },
});

describe('assist content schema', () => {
  it('accepts complete content', () => {
    expect(assistContentSchema.safeParse(sample('en')).success).toBe(true);
  });

  it('refuses content missing a required phrase to avoid, a situation, a stage, or carrying unknown keys', () => {
    const c = sample('en');
    expect(assistContentSchema.safeParse({ ...c, avoid: c.avoid.filter((r) => r.id !== 'busy') }).success).toBe(false);
    expect(assistContentSchema.safeParse({ ...c, avoid: [...c.avoid, c.avoid[0]] }).success).toBe(false);
    const { closing: _closing, ...phrases } = c.phrases;
    expect(assistContentSchema.safeParse({ ...c, phrases }).success).toBe(false);
    const { resolve: _resolve, ...stages } = c.stages;
    expect(assistContentSchema.safeParse({ ...c, stages }).success).toBe(false);
    expect(assistContentSchema.safeParse({ ...c, script: '<b>' }).success).toBe(false);
    expect(assistContentSchema.safeParse({ ...c, hold: { ...c.hold, checkIn: '  ' } }).success).toBe(false);
  });

  it('names the entries a translation misses, adds or copies from the reference', () => {
    const en = sample('en');
    expect(compareContent(en, sample('nl'))).toEqual({ missing: [], extra: [], copied: [] });
    const partial: AssistContent = {
      ...sample('nl'),
      phrases: { ...sample('nl').phrases, apology: ['nl sorry one', 'nl sorry two', 'nl sorry three'] },
      hold: { checkIn: en.hold.checkIn, return: [] },
    };
    expect(compareContent(en, partial)).toEqual({
      missing: ['hold.return.0'],
      extra: ['phrases.apology.2'],
      copied: ['hold.checkIn'],
    });
  });
});
