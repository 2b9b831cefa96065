import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { findEventBySlug, getProgramme, type ProgrammeItem } from '../events/service.js';
import { type AnswerValue, UNCERTAIN } from './aggregate.js';
import { addQuestion, closeSession, createParticipant, createSession, insertAnswer, type LiveQuestion, listSessions, setQuestionState } from './service.js';

export const DEMO_EVENT_SLUG = 'cluster-hub-annual-meeting-2023';
export const DEMO_SESSION_TITLE = 'Insights from stakeholder perspectives: key EU policies and priorities';

const PILLARS = ['Funding and state aid', 'Skills development', 'A conducive regulatory environment', 'Open and fair trade'];
const NET_ZERO = ['Enhanced skills', 'Facilitating access to the market', 'Faster permitting', 'Public funding and de-risking', 'Research and innovation'];
const CRM_MEASURES = ['Cutting red tape and accelerated permitting', 'Public funding and state aid', 'Strategic partnerships and offtake agreements', 'Skills for mining and refining'];

// SYNTHETIC DATA. The 2023 session ran on Mentimeter and only its summary was published (over 30
// participants; funding and state aid ranked first, then skills, regulation and open trade; enhanced
// skills first for net-zero investment, closely followed by market access; on CRM extraction most
// chose cutting red tape, with about half uncertain). The individual answers below are invented,
// reconstructed so that their totals match that published summary; they are not real votes.
const RANKINGS: [number[], number][] = [
  [[0, 1, 2, 3], 10],
  [[0, 2, 1, 3], 5],
  [[1, 0, 2, 3], 6],
  [[0, 1, 3, 2], 3],
  [[2, 0, 1, 3], 3],
  [[1, 2, 0, 3], 2],
  [[3, 0, 1, 2], 1],
  [[2, 1, 3, 0], 1],
  [[0, 3, 1, 2], 1],
];
const NET_ZERO_COUNTS = [12, 10, 5, 4, 2];
const CRM_COUNTS = [9, 4, 2, 1];
const CRM_UNCERTAIN = 16;
const PARTICIPANTS = 34;

const expand = <T,>(pairs: [T, number][]): T[] => pairs.flatMap(([value, n]) => Array.from({ length: n }, () => value));

function findInteractive(items: ProgrammeItem[]): ProgrammeItem | null {
  for (const item of items) {
    if (item.kind === 'interactive') return item;
    const inner = findInteractive(item.children);
    if (inner) return inner;
  }
  return null;
}

async function fill(db: Kysely<Database>, question: LiveQuestion, participants: number[], answers: AnswerValue[]): Promise<void> {
  await setQuestionState(db, question, 'open');
  for (const [i, value] of answers.entries()) await insertAnswer(db, question.id, participants[i], value);
  await setQuestionState(db, question, 'closed');
}

/**
 * Recreates the interactive session of the 2023 annual meeting as an archived, closed live
 * session, so the event page shows its results as the hub would have recorded them. Returns the
 * session id, or null when the event is missing or the session exists already (safe to call twice).
 */
export async function seedLiveDemo(db: Kysely<Database>): Promise<number | null> {
  const event = await findEventBySlug(db, DEMO_EVENT_SLUG, { includeDrafts: true });
  if (!event) return null;
  if ((await listSessions(db, { eventIds: [event.id] })).some((s) => s.title === DEMO_SESSION_TITLE)) return null;
  const slot = findInteractive(await getProgramme(db, event.id));
  const session = await createSession(db, { eventId: event.id, programmeItemId: slot?.id ?? null, title: DEMO_SESSION_TITLE });
  const participants: number[] = [];
  for (let i = 0; i < PARTICIPANTS; i++) participants.push(await createParticipant(db, session.id));

  const ranking = await addQuestion(db, session.id, { type: 'ranking', prompt: 'Rank the four pillars of the Green Deal Industrial Plan in order of relevance', options: PILLARS, resultsVisible: true });
  const netZero = await addQuestion(db, session.id, { type: 'choice', prompt: 'What should be the first priority to stimulate investment in net-zero technologies?', options: NET_ZERO, resultsVisible: true });
  const crm = await addQuestion(db, session.id, {
    type: 'choice',
    prompt: 'Which measure is most critical to stimulate investment in domestic capacity for extracting critical raw materials (CRMs)?',
    options: CRM_MEASURES,
    uncertainLabel: 'Uncertain',
    resultsVisible: true,
  });
  await fill(db, ranking, participants, expand(RANKINGS));
  await fill(db, netZero, participants.slice(1), expand(NET_ZERO_COUNTS.map((n, i) => [[i], n])));
  await fill(db, crm, participants.slice(2), [...expand(CRM_COUNTS.map((n, i) => [[i], n])), ...expand([[[UNCERTAIN], CRM_UNCERTAIN]])]);
  await closeSession(db, session.id, event.endsAt);
  return session.id;
}
