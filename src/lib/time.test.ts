import { describe, expect, it } from 'vitest';
import { formatDate, formatRange, formatTime, zoneAbbreviation, zonedToUtc } from './time.js';

describe('time formatting in the event’s zone', () => {
  it('shows winter and summer time with their abbreviations', () => {
    expect(formatRange('2024-02-19T08:00:00Z', '2024-02-19T13:30:00Z', 'Europe/Brussels')).toBe('Monday 19 February 2024, 09:00–14:30 CET');
    expect(formatRange('2024-04-18T11:30:00Z', '2024-04-18T15:00:00Z', 'Europe/Brussels')).toBe('Thursday 18 April 2024, 13:30–17:00 CEST');
    expect(zoneAbbreviation('2024-07-01T12:00:00Z', 'Europe/Helsinki')).toBe('EEST');
  });

  it('formats all-day ranges within a month, across months and across years', () => {
    expect(formatRange('2024-09-09T00:00:00Z', '2024-09-11T00:00:00Z', 'Europe/Brussels', true)).toBe('9–11 September 2024');
    expect(formatRange('2024-05-30T00:00:00Z', '2024-06-02T00:00:00Z', 'Europe/Brussels', true)).toBe('30 May – 2 June 2024');
    expect(formatRange('2024-12-30T00:00:00Z', '2025-01-02T00:00:00Z', 'Europe/Brussels', true)).toBe('30 December 2024 – 2 January 2025');
    expect(formatRange('2024-12-12T00:00:00Z', '2024-12-12T00:00:00Z', 'Europe/Brussels', true)).toBe('Thursday 12 December 2024');
  });

  it('formats dates and times across midnight in the zone, not in UTC', () => {
    expect(formatDate('2024-03-30T23:30:00Z', 'Europe/Brussels')).toBe('31 March 2024');
    expect(formatTime('2024-03-30T23:30:00Z', 'Europe/Brussels')).toBe('00:30');
    expect(formatRange('2024-03-30T20:00:00Z', '2024-03-31T10:00:00Z', 'Europe/Brussels')).toBe('30 March 2024, 21:00 – 31 March 2024, 12:00 CET');
  });

  it('turns wall-clock input into UTC instants', () => {
    expect(zonedToUtc('2024-04-18T13:30', 'Europe/Brussels')).toBe('2024-04-18T11:30:00.000Z');
  });
});
