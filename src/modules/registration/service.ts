/**
 * The registration module's public face. Other modules and this module's routes import from here; the work is done
 * in one file per concern: the vocabulary (model), signed links, settings, seats and the waiting list, a
 * registration's lifecycle, reports and the retention purge.
 */
export * from './model.js';
export * from './links.js';
export { getSettings, phaseOf, saveSettings, type Phase } from './settings.js';
export { queueRegistrationMail } from './mail-queue.js';
export {
  answerOffer,
  cancelRegistration,
  type CheckInOutcome,
  decide,
  deleteRegistration,
  expireOffer,
  findByEmail,
  findRegistration,
  register,
  type RegisterResult,
  setCheckedIn,
  switchMode,
  updateAnswers,
} from './lifecycle.js';
export * from './reports.js';
export { purgeExpired } from './purge.js';
export { attendanceTotals, type ModeFigures, reachFigures, type ReachFigures } from './impact.js';
