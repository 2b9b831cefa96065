import { contribute, type Contribution } from '../../lib/modules.js';
import { counted } from '../../lib/plural.js';
import { isAdmin } from '../../lib/policy.js';
import { BACK_OFFICE_HOME } from '../../web/admin.js';
import { countPendingJoinRequests } from './service.js';

// What membership shows on the back office's home, declared in this module's manifest.

export const membershipParts: Contribution[] = [
  contribute(BACK_OFFICE_HOME, {
    order: 20,
    async load(db, actor) {
      const pending = isAdmin(actor) ? await countPendingJoinRequests(db) : 0;
      return { tasks: pending ? [{ href: '/admin/join', text: `${counted(pending, 'request')} to join wait${pending === 1 ? 's' : ''} for a decision` }] : [] };
    },
  }),
];
