import { z } from 'zod';
import { emailField, optionalText, requiredText } from '../../lib/forms.js';

export const joinForm = z.object({
  acronym: requiredText('Enter the project’s acronym.', 30).regex(/^[\p{L}\p{N}][\p{L}\p{N} .&+-]*$/u, 'Use letters, digits, spaces, dots and dashes.'),
  title: requiredText('Enter the project’s full title.', 300),
  grantId: z
    .string({ error: 'Enter the grant agreement number, e.g. 101091682.' })
    .trim()
    .regex(/^\d{6,10}$/, 'Enter the grant agreement number, 6 to 10 digits, e.g. 101091682.'),
  contactName: requiredText('Enter your name.', 120),
  contactEmail: emailField(),
  why: requiredText('Tell us why the project wants to join.', 3000).refine((v) => v.length >= 20, 'Write a few sentences (at least 20 characters).'),
});

export const declineForm = z.object({ note: optionalText(2000) });
