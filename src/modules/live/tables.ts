import type { Generated } from 'kysely';

export interface LiveSessionsTable {
  id: Generated<number>;
  event_id: number;
  programme_item_id: number | null;
  /** Six characters from an alphabet without look-alikes (no 0/O, 1/I/L). */
  code: string;
  title: string;
  /** draft | live | closed */
  status: string;
  current_question_id: number | null;
  created_by: number | null;
  created_at: string;
  closed_at: string | null;
  /** presenter (everyone on the question on screen) | audience (a questionnaire at each person's pace) */
  pace: Generated<string>;
}

export interface LiveQuestionsTable {
  id: Generated<number>;
  session_id: number;
  position: number;
  /** choice | ranking | scales | points | grid | wordcloud | text | qa */
  type: string;
  prompt: string;
  /** JSON array of strings: options, items or statements. */
  options: string;
  multi: number;
  uncertain_label: string | null;
  scale_max: number;
  /** draft | open | closed */
  state: string;
  results_visible: number;
  allow_change: number;
  /** JSON object: `budget` (100 points), `axes` (2×2 grid). */
  settings: string;
  /** When the question last opened (a quiz's timer counts from here). */
  opened_at: string | null;
  created_at: string;
}

export interface LiveParticipantsTable {
  id: Generated<number>;
  session_id: number;
  /** Optional name for the quiz leaderboard. */
  nickname: string | null;
  created_at: string;
}

export interface LiveAnswersTable {
  id: Generated<number>;
  question_id: number;
  participant_id: number;
  /** JSON, shaped by the question type (see aggregate.ts). */
  value: string;
  /** 1 when a moderator hid the entry: left out of every count, screen and the archive. */
  hidden: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface LiveBlockedWordsTable {
  /** Folded with normaliseWord. */
  word: string;
}

export interface LiveQaEntriesTable {
  id: Generated<number>;
  question_id: number;
  participant_id: number;
  text: string;
  /** pending | approved | answered | hidden */
  state: string;
  upvotes: number;
  created_at: string;
}

export interface LiveQaVotesTable {
  entry_id: number;
  participant_id: number;
}

export interface LiveTemplatesTable {
  id: Generated<number>;
  title: string;
  /** JSON array of QuestionInput, without ids or answers. */
  questions: string;
  created_by: number | null;
  created_at: string;
}

export interface LiveTables {
  live_sessions: LiveSessionsTable;
  live_questions: LiveQuestionsTable;
  live_participants: LiveParticipantsTable;
  live_answers: LiveAnswersTable;
  live_qa_entries: LiveQaEntriesTable;
  live_qa_votes: LiveQaVotesTable;
  live_blocked_words: LiveBlockedWordsTable;
  live_templates: LiveTemplatesTable;
}
