import { describe, expect, it } from 'vitest';
import { splitByMonths } from './months.js';

describe('a period read as whole months and loose days', () => {
  it('takes whole months from the monthly totals and the ends from the days', () => {
    expect(splitByMonths({ from: '2025-12-08', to: '2026-12-07' })).toEqual({
      months: { from: '2026-01', to: '2026-11' },
      days: [
        { from: '2025-12-08', to: '2025-12-31' },
        { from: '2026-12-01', to: '2026-12-07' },
      ],
    });
    expect(splitByMonths({ from: '2026-01-01', to: '2026-12-31' })).toEqual({ months: { from: '2026-01', to: '2026-12' }, days: [] });
    expect(splitByMonths({ from: '2024-02-01', to: '2024-02-29' })).toEqual({ months: { from: '2024-02', to: '2024-02' }, days: [] });
  });

  it('reads a period inside one month, or across two without a whole one, from the days alone', () => {
    expect(splitByMonths({ from: '2026-03-05', to: '2026-03-20' })).toEqual({ months: null, days: [{ from: '2026-03-05', to: '2026-03-20' }] });
    expect(splitByMonths({ from: '2026-03-05', to: '2026-04-20' })).toEqual({ months: null, days: [{ from: '2026-03-05', to: '2026-04-20' }] });
  });
});
