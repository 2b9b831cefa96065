import { describe, expect, it } from 'vitest';
import { formatProgramme, parseProgramme } from './programme-text.js';
import type { ProgrammeItem, ProgrammeItemInput } from './service.js';

const SOURCE = `session 09:00-10:30 | Session 1: Exploration | Room A
  moderator: Jane Doe, University of Somewhere
- talk 09:00-09:20 | Geochemical assessment
    lecturer: Valérie Cappuyns, KU Leuven
    > Field methods.
- round_table 10:00-10:30 | Panel
    panellist: Ana Lima, LNEG | EXCEED
break 2024-02-20 10:30-10:45 | Coffee break`;

/** What getProgramme would return after saving `items`. */
function asSaved(items: ProgrammeItemInput[]): ProgrammeItem[] {
  let id = 0;
  const map = (item: ProgrammeItemInput, parentId: number | null, position: number): ProgrammeItem => {
    const self = ++id;
    return {
      id: self,
      parentId,
      position,
      kind: item.kind,
      title: item.title,
      description: item.description ?? '',
      startsAt: item.startsAt ?? null,
      endsAt: item.endsAt ?? null,
      location: item.location ?? null,
      people: (item.people ?? []).map((p, i) => ({ personId: i, name: p.name, honorific: null, jobTitle: null, affiliation: p.affiliation ?? null, role: p.role, representing: p.representing ?? null })),
      children: (item.children ?? []).map((c, i) => map(c, self, i)),
    };
  };
  return items.map((item, i) => map(item, null, i));
}

describe('programme text format', () => {
  it('parses sessions, children, people, descriptions and times in the event zone', () => {
    const result = parseProgramme(SOURCE, '2024-02-19', 'Europe/Brussels');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.items).toHaveLength(2);
    const [session, pause] = result.items;
    expect(session.startsAt).toBe('2024-02-19T08:00:00.000Z');
    expect(session.location).toBe('Room A');
    expect(session.people![0]).toEqual({ role: 'moderator', name: 'Jane Doe', affiliation: 'University of Somewhere' });
    expect(session.children![0].description).toBe('Field methods.');
    expect(session.children![1].people![0].representing).toBe('EXCEED');
    expect(pause.startsAt).toBe('2024-02-20T09:30:00.000Z');
  });

  it('round-trips through the saved shape', () => {
    const parsed = parseProgramme(SOURCE, '2024-02-19', 'Europe/Brussels');
    if (!parsed.ok) throw new Error(parsed.error);
    expect(formatProgramme(asSaved(parsed.items), '2024-02-19', 'Europe/Brussels')).toBe(SOURCE);
  });

  it('names the wrong line', () => {
    expect(parseProgramme('talkk 09:00-10:00 | X', '2024-02-19', 'UTC')).toMatchObject({ ok: false, error: expect.stringContaining('Line 1') });
    expect(parseProgramme('talk | A\n  boss: X', '2024-02-19', 'UTC')).toMatchObject({ ok: false, error: expect.stringContaining('Line 2') });
    expect(parseProgramme('- talk | A', '2024-02-19', 'UTC')).toMatchObject({ ok: false });
    expect(parseProgramme('talk 10:00-09:00 | A', '2024-02-19', 'UTC')).toMatchObject({ ok: false, error: expect.stringContaining('end time') });
    expect(parseProgramme('talk 25:00-26:00 | A', '2024-02-19', 'UTC')).toMatchObject({ ok: false });
    expect(parseProgramme('  speaker: Nobody', '2024-02-19', 'UTC')).toMatchObject({ ok: false });
  });
});
