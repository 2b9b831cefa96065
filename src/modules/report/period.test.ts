import { describe, expect, it } from 'vitest';
import { checkPeriod, instants, lengthInDays, monthEnds, parseDay, presets, previousPeriod, resolvePeriod } from './period.js';
import { cellText, FEWER_THAN, people, share } from './privacy.js';

describe('report period', () => {
  it('accepts real days only', () => {
    expect(parseDay('2026-02-28')).toBe('2026-02-28');
    expect(parseDay('2026-02-30')).toBeNull();
    expect(parseDay('2026-2-3')).toBeNull();
    expect(parseDay("2026-01-01' or 1=1 --")).toBeNull();
    expect(parseDay('1970-01-01')).toBeNull();
    expect(parseDay(['2026-01-01'])).toBeNull();
  });

  it('refuses periods the wrong way round or longer than five years, with a message', () => {
    expect(checkPeriod('2026-12-31', '2026-01-01')).toMatchObject({ ok: false, field: 'to', message: expect.stringContaining('must not be before') });
    expect(checkPeriod('2010-01-01', '2026-01-01')).toMatchObject({ ok: false, message: expect.stringContaining('at most 5 years') });
    expect(checkPeriod('x', '2026-01-01')).toMatchObject({ ok: false, field: 'from' });
    expect(checkPeriod('2026-01-01', '2026-01-01')).toEqual({ ok: true, period: { from: '2026-01-01', to: '2026-01-01' } });
  });

  it('compares with the period of the same length just before', () => {
    expect(previousPeriod({ from: '2026-01-01', to: '2026-12-31' })).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-10' })).toEqual({ from: '2026-02-19', to: '2026-02-28' });
    expect(lengthInDays({ from: '2024-01-01', to: '2024-12-31' })).toBe(366);
    expect(instants({ from: '2026-01-01', to: '2026-01-31' })).toEqual({ start: '2026-01-01T00:00:00.000Z', end: '2026-02-01T00:00:00.000Z' });
  });

  it('lists the month ends a period touches, the last cut at its end', () => {
    expect(monthEnds({ from: '2025-11-15', to: '2026-01-10' })).toEqual([
      { label: '2025-11', at: '2025-12-01T00:00:00.000Z' },
      { label: '2025-12', at: '2026-01-01T00:00:00.000Z' },
      { label: '2026-01', at: '2026-01-11T00:00:00.000Z' },
    ]);
  });

  it('offers the presets and the defined periods, and refuses an unknown one', () => {
    const choices = presets('2026-12-07', [{ id: 3, name: 'Reporting period 1', from: '2025-01-01', to: '2026-06-30' }]);
    expect(choices.map((c) => [c.key, c.from, c.to])).toEqual([
      ['last-12-months', '2025-12-08', '2026-12-07'],
      ['this-year', '2026-01-01', '2026-12-07'],
      ['period-3', '2025-01-01', '2026-06-30'],
    ]);
    expect(resolvePeriod({}, choices)).toMatchObject({ ok: true, preset: 'last-12-months' });
    expect(resolvePeriod({ preset: 'period-3' }, choices)).toMatchObject({ ok: true, period: { from: '2025-01-01', to: '2026-06-30' } });
    expect(resolvePeriod({ preset: 'period-9' }, choices)).toMatchObject({ ok: false, field: 'preset' });
  });
});

describe('report privacy', () => {
  it('never shows a group of one to four people as a number', () => {
    expect([0, 1, 4, 5, 1234].map(people)).toEqual([0, FEWER_THAN, FEWER_THAN, 5, 1234]);
    expect(cellText(people(1234))).toBe('1,234');
    expect(cellText(people(3))).toBe('fewer than 5');
  });

  it('hides a share whose whole, part or rest is a small group', () => {
    expect(share(50, 100)).toBe('50%');
    expect(share(0, 100)).toBe('0%');
    expect(share(3, 100)).toBe(FEWER_THAN);
    expect(share(98, 100)).toBe(FEWER_THAN);
    expect(share(2, 4)).toBe(FEWER_THAN);
    expect(share(0, 0)).toBe('–');
  });
});
