import { contribute, type Contribution } from '../../lib/modules.js';
import { counted } from '../../lib/plural.js';
import { isAdmin } from '../../lib/policy.js';
import { BACK_OFFICE_HOME } from '../../web/admin.js';
import { countFailedMail } from './service.js';

// What the outbox shows on the back office's home, declared in this module's manifest.

export const mailParts: Contribution[] = [
  contribute(BACK_OFFICE_HOME, {
    order: 30,
    async load(db, actor) {
      const failed = isAdmin(actor) ? await countFailedMail(db) : 0;
      return { tasks: failed ? [{ href: '/admin/mail?status=failed', text: `${counted(failed, 'message')} could not be delivered` }] : [] };
    },
  }),
];
