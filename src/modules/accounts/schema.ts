import { z } from 'zod';
import { checkbox, emailField, requiredText } from '../../lib/forms.js';
import { ROLES } from './service.js';

export const signInForm = z.object({
  email: emailField(),
  password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(200, 'Use at most 200 characters.'),
  next: z.string().optional(),
});

export const emailOnlyForm = z.object({ email: emailField(), next: z.string().optional() });

export const MIN_PASSWORD = 10;

export const newPasswordForm = z
  .object({
    password: z
      .string({ error: 'Choose a password.' })
      .min(MIN_PASSWORD, `Use at least ${MIN_PASSWORD} characters.`)
      .max(200, 'Use at most 200 characters.'),
    confirm: z.string({ error: 'Type the password again.' }),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The two passwords are not the same.' });

const projectIds = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.string().regex(/^\d{1,9}$/, 'Choose projects from the list.').transform(Number)).max(100));

export const inviteForm = z.object({
  email: emailField(),
  name: requiredText('Enter the person’s name.', 120),
  role: z.enum(ROLES, { error: 'Choose a role.' }),
  projectIds,
});

export const userForm = z.object({
  name: requiredText('Enter the person’s name.', 120),
  role: z.enum(ROLES, { error: 'Choose a role.' }),
  projectIds,
  disabled: checkbox,
});

export const tokenParams = {
  type: 'object',
  required: ['token'],
  properties: { token: { type: 'string', maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' } },
} as const;

