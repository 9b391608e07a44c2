import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDayRange, localDayText, parseLocalDay, startOfLocalDay, startOfLocalWeek } from './local-days';

// Amsterdam: daylight saving time starts 2024-03-31 (a 23-hour day) and ends 2024-10-27 (25 hours).
const zone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Europe/Amsterdam';
});
afterAll(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('local days for the history filter', () => {
  it('takes only real calendar days in range', () => {
    expect(parseLocalDay('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    for (const bad of [
      '2023-02-29',
      '2024-13-01',
      '2024-00-10',
      '2024-1-5',
      '05/03/2024',
      '1969-12-31',
      '',
      ' 2024-01-01',
      '2024-01-01T00:00',
    ]) {
      expect(parseLocalDay(bad)).toBeUndefined();
    }
  });

  it('includes both days: from local midnight to the midnight after the last day', () => {
    expect(localDayRange('2024-05-06', '2024-05-06')).toEqual({
      ok: true,
      from: Date.UTC(2024, 4, 5, 22),
      to: Date.UTC(2024, 4, 6, 22),
    });
    expect(localDayRange('2024-05-06', '')).toEqual({ ok: true, from: Date.UTC(2024, 4, 5, 22) });
    expect(localDayRange('', '2024-05-06')).toEqual({ ok: true, to: Date.UTC(2024, 4, 6, 22) });
    expect(localDayRange('', '')).toEqual({ ok: true });
  });

  it('counts a daylight-saving day as the 23 or 25 hours it has', () => {
    const spring = localDayRange('2024-03-31', '2024-03-31');
    const autumn = localDayRange('2024-10-27', '2024-10-27');
    expect(spring.ok && spring.to! - spring.from!).toBe(23 * 3_600_000);
    expect(autumn.ok && autumn.to! - autumn.from!).toBe(25 * 3_600_000);
  });

  it('says which side is wrong, and refuses a range that ends before it starts', () => {
    expect(localDayRange('2024-02-30', '')).toEqual({ ok: false, error: 'invalidFrom' });
    expect(localDayRange('', 'tomorrow')).toEqual({ ok: false, error: 'invalidTo' });
    expect(localDayRange('2024-05-07', '2024-05-06')).toEqual({ ok: false, error: 'toBeforeFrom' });
  });

  it('names the local day of an instant, and finds the start of its day and its (ISO) week', () => {
    const lateSunday = Date.UTC(2024, 2, 31, 21, 30); // 23:30 in Amsterdam, Sunday 31 March
    expect(localDayText(lateSunday)).toBe('2024-03-31');
    expect(startOfLocalDay(lateSunday)).toBe(Date.UTC(2024, 2, 30, 23));
    expect(startOfLocalWeek(lateSunday)).toBe(Date.UTC(2024, 2, 24, 23)); // Monday 25 March, before the clocks went forward
    expect(startOfLocalWeek(Date.UTC(2024, 3, 1, 8))).toBe(Date.UTC(2024, 2, 31, 22)); // a Monday is its own week's start
  });
});
