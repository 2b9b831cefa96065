import { DateTime } from 'luxon';
import { PROGRAMME_KINDS, PROGRAMME_ROLES } from './schema.js';
import type { ProgrammeItem, ProgrammeItemInput, ProgrammePersonInput } from './service.js';

/**
 * The programme editor works without JavaScript as one textarea in a small line format,
 * so an editor can write, paste and reorder (move lines) a whole programme at once:
 *
 *   session 09:00-10:30 | Session 1: Exploration | Room A
 *     moderator: Jane Doe, University of Somewhere
 *   - talk 09:00-09:20 | Geochemical assessment
 *       lecturer: Valérie Cappuyns, KU Leuven
 *       > A short description.
 *   - round_table 10:00-10:30 | Panel
 *       panellist: Ana Lima, LNEG | EXCEED
 *   break 10:30-10:45 | Coffee break
 *
 * A top-level line is `kind [YYYY-MM-DD] [HH:MM-HH:MM] | title [| location]`; `- ` starts an
 * item inside the last top-level one; indented `role: Name, Affiliation [| representing]`
 * lines add people and `> ` lines add description. Times are in the event's time zone; the
 * date defaults to the event's first day.
 */
export const PROGRAMME_FORMAT_HELP =
  'One item per line: kind [date] [09:00-10:30] | title [| location]. Start a line with "- " for an item inside the session above. ' +
  'Indented lines add people ("speaker: Name, Affiliation") or a description ("> text"). Move lines to reorder.';

export type ParseResult = { ok: true; items: ProgrammeItemInput[] } | { ok: false; error: string };

const HEAD = /^(?<kind>[a-z_]+)(?:\s+(?<date>\d{4}-\d{2}-\d{2}))?(?:\s+(?<from>\d{1,2}:\d{2})\s*[-–]\s*(?<to>\d{1,2}:\d{2}))?\s*\|\s*(?<rest>.+)$/;
const PERSON = /^(?<role>[a-z]+):\s*(?<name>[^,|]+?)\s*(?:,\s*(?<affiliation>[^|]+?))?\s*(?:\|\s*(?<representing>.+))?$/;

/** Parses the textarea into programme items, or names the first line that is wrong. */
export function parseProgramme(text: string, firstDay: string, zone: string): ParseResult {
  const items: ProgrammeItemInput[] = [];
  let top: ProgrammeItemInput | null = null;
  let current: ProgrammeItemInput | null = null;
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 500) return { ok: false, error: 'The programme has more than 500 lines; split the event.' };
  for (const [index, raw] of lines.entries()) {
    const where = `Line ${index + 1}`;
    if (!raw.trim()) continue;
    if (raw.length > 1000) return { ok: false, error: `${where} is longer than 1000 characters.` };
    const indented = /^\s/.test(raw);
    const line = raw.trim();
    if (indented && !line.startsWith('- ')) {
      if (!current) return { ok: false, error: `${where}: a person or description must come under an item.` };
      if (line.startsWith('>')) {
        current.description = [current.description, line.slice(1).trim()].filter(Boolean).join('\n');
        continue;
      }
      const person = PERSON.exec(line)?.groups;
      if (!person) return { ok: false, error: `${where}: write a person as “speaker: Name, Affiliation”.` };
      if (!(PROGRAMME_ROLES as readonly string[]).includes(person.role)) {
        return { ok: false, error: `${where}: “${person.role}” is not a role. Use one of: ${PROGRAMME_ROLES.join(', ')}.` };
      }
      const entry: ProgrammePersonInput = { role: person.role, name: person.name.trim() };
      if (person.affiliation) entry.affiliation = person.affiliation.trim();
      if (person.representing) entry.representing = person.representing.trim();
      (current.people ??= []).push(entry);
      continue;
    }
    const child = line.startsWith('- ');
    const head = HEAD.exec(child ? line.slice(2).trim() : line)?.groups;
    if (!head) return { ok: false, error: `${where}: start with a kind and a “|” before the title, e.g. “talk 09:00-09:20 | Title”.` };
    if (!(PROGRAMME_KINDS as readonly string[]).includes(head.kind)) {
      return { ok: false, error: `${where}: “${head.kind}” is not a kind. Use one of: ${PROGRAMME_KINDS.join(', ')}.` };
    }
    const [title, location] = head.rest.split('|').map((s) => s.trim());
    if (!title) return { ok: false, error: `${where}: the title is missing after “|”.` };
    const item: ProgrammeItemInput = { kind: head.kind, title, location: location || null, people: [], children: [] };
    if (head.from && head.to) {
      const day = head.date ?? firstDay;
      const start = DateTime.fromISO(`${day}T${head.from.padStart(5, '0')}`, { zone });
      const end = DateTime.fromISO(`${day}T${head.to.padStart(5, '0')}`, { zone });
      if (!start.isValid || !end.isValid) return { ok: false, error: `${where}: the date or time does not exist.` };
      if (end < start) return { ok: false, error: `${where}: the end time is before the start time.` };
      item.startsAt = start.toUTC().toISO();
      item.endsAt = end.toUTC().toISO();
    }
    if (child) {
      if (!top) return { ok: false, error: `${where}: an item starting with “- ” must follow a session.` };
      top.children!.push(item);
    } else {
      items.push(item);
      top = item;
    }
    current = item;
  }
  return { ok: true, items };
}

/** Writes a saved programme back in the textarea format (the inverse of parseProgramme). */
export function formatProgramme(items: ProgrammeItem[], firstDay: string, zone: string): string {
  const lines: string[] = [];
  const write = (item: ProgrammeItem, prefix: string, indent: string) => {
    let when = '';
    if (item.startsAt && item.endsAt) {
      const start = DateTime.fromISO(item.startsAt, { zone: 'utc' }).setZone(zone);
      const end = DateTime.fromISO(item.endsAt, { zone: 'utc' }).setZone(zone);
      const day = start.toISODate();
      when = ` ${day !== firstDay ? day + ' ' : ''}${start.toFormat('HH:mm')}-${end.toFormat('HH:mm')}`;
    }
    lines.push(`${prefix}${item.kind}${when} | ${item.title}${item.location ? ` | ${item.location}` : ''}`);
    for (const p of item.people) {
      lines.push(`${indent}${p.role}: ${p.name}${p.affiliation ? `, ${p.affiliation}` : ''}${p.representing ? ` | ${p.representing}` : ''}`);
    }
    for (const d of item.description ? item.description.split('\n') : []) lines.push(`${indent}> ${d}`);
  };
  for (const item of items) {
    write(item, '', '  ');
    for (const child of item.children) write(child, '- ', '    ');
  }
  return lines.join('\n');
}
