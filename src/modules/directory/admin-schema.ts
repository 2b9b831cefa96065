import { z } from 'zod';
import { optionalCountry } from '../../lib/countries.js';
import { checkbox, optionalId, optionalText, optionalUrl, requiredText } from '../../lib/forms.js';

const list = (max = 300) => optionalText(max).transform((v) => (v ? [...new Set(v.split(',').map((t) => t.trim()).filter(Boolean))].slice(0, 30) : []));
const date = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .optional()
    .refine((v) => !v || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))), message)
    .transform((v) => (v ? v : null));
const optionalNumber = (message: string, min: number, max: number) =>
  z
    .string({ error: message })
    .trim()
    .optional()
    .refine((v) => !v || (/^-?\d+(\.\d+)?$/.test(v) && Number(v) >= min && Number(v) <= max), message)
    .transform((v) => (v ? Number(v) : null));

export const projectForm = z.object({
  acronym: requiredText('Enter the acronym.', 30),
  title: requiredText('Enter the full title.', 300),
  summary: optionalText(1000),
  descriptionMd: optionalText(50_000),
  website: optionalUrl(),
  programme: optionalText(40),
  fundingScheme: optionalText(60),
  grantId: optionalText(10).refine((v) => !v || /^\d{6,10}$/.test(v), 'Enter the grant agreement number, 6 to 10 digits.'),
  callTopic: optionalText(120),
  startDate: date('Enter the start date like 2023-01-01.'),
  endDate: date('Enter the end date like 2026-12-31.'),
  coordinatorName: optionalText(200),
  coordinatorCountry: optionalCountry(),
  metals: list(),
  resources: list(),
  technologies: list(),
  tags: list(),
  isMember: checkbox,
  joinedYear: optionalNumber('Enter a year like 2024.', 2000, 2100),
});

export const PARTNER_ROLES = ['coordinator', 'participant', 'associated'] as const;

export const partnerForm = z.object({
  name: requiredText('Enter the organisation’s name.', 200),
  shortName: optionalText(60),
  country: optionalCountry(),
  role: z.enum(PARTNER_ROLES, { error: 'Choose a role.' }),
});

export const ACTIVITY_TYPES = ['HES', 'REC', 'PRC', 'PUB', 'OTH'] as const;

export const organisationForm = z.object({
  name: requiredText('Enter the name.', 200),
  shortName: optionalText(60),
  country: optionalCountry(),
  city: optionalText(100),
  activityType: z
    .enum(['', ...ACTIVITY_TYPES], { error: 'Choose a type from the list.' })
    .optional()
    .transform((v) => v || null),
  valueChainStage: optionalText(60),
  lat: optionalNumber('Enter a latitude from -90 to 90.', -90, 90),
  lon: optionalNumber('Enter a longitude from -180 to 180.', -180, 180),
  website: optionalUrl(),
});

export const personForm = z.object({
  name: requiredText('Enter the name.', 200),
  honorific: optionalText(40),
  jobTitle: optionalText(200),
  affiliation: optionalText(300),
  projectId: optionalId('Choose a project from the list.'),
});
