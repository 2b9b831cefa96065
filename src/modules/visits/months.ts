/**
 * A period of days read as whole calendar months (from the monthly totals) plus the days at either end that do not
 * fill a month (from the daily counts), so a year's figures read twelve rows per page instead of 365. No I/O.
 */
export interface DayRange {
  /** YYYY-MM-DD, both ends included. */
  from: string;
  to: string;
}

export interface SplitRange {
  /** YYYY-MM of the first and last whole month, or null when the period fills none. */
  months: { from: string; to: string } | null;
  /** The days outside those months (none, one or two ranges). */
  days: DayRange[];
}

const lastDayOf = (month: string): string => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};
const nextMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
};
const previousMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
};

export function splitByMonths(range: DayRange): SplitRange {
  const first = range.from.endsWith('-01') ? range.from.slice(0, 7) : nextMonth(range.from.slice(0, 7));
  const last = lastDayOf(range.to.slice(0, 7)) === range.to ? range.to.slice(0, 7) : previousMonth(range.to.slice(0, 7));
  if (first > last) return { months: null, days: [range] };
  const days: DayRange[] = [];
  if (range.from < `${first}-01`) days.push({ from: range.from, to: lastDayOf(previousMonth(first)) });
  if (range.to > lastDayOf(last)) days.push({ from: `${nextMonth(last)}-01`, to: range.to });
  return { months: { from: first, to: last }, days };
}
