/** An event's registrations are run by the event's organisers: the events module owns that rule. */
export { canOrganiseEvent as canOrganise } from '../events/service.js';
