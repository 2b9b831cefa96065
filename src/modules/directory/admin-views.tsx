import { ActionButton, CheckboxField, SelectField } from '../../web/admin.js';
import { CsrfField, ErrorSummary, Field } from '../../web/components/index.js';
import { ACTIVITY_TYPES, PARTNER_ROLES } from './admin-schema.js';
import type { Organisation, Partner, Person, Project } from './service.js';
import { COUNTRY_OPTIONS } from '../../lib/countries.js';

type Values = Record<string, unknown>;
type Errors = Record<string, string>;

export function projectValues(p: Project): Values {
  return {
    ...p,
    metals: p.metals.join(', '),
    resources: p.resources.join(', '),
    technologies: p.technologies.join(', '),
    tags: p.tags.join(', '),
    isMember: p.isMember ? 'on' : undefined,
  };
}

export function ProjectFormView(props: { csrf: string; action: string; values: Values; errors: Errors; isAdmin: boolean }) {
  const v = props.values;
  const e = props.errors;
  return (
    <>
      <ErrorSummary errors={e} />
      <form method="post" action={props.action} novalidate>
        <CsrfField token={props.csrf} />
        <Field name="acronym" label="Acronym" required value={v.acronym} error={e.acronym} maxLength={30} />
        <Field name="title" label="Full title" required value={v.title} error={e.title} maxLength={300} />
        <Field name="summary" label="Summary" multiline rows={3} value={v.summary} error={e.summary} maxLength={1000} />
        <Field name="descriptionMd" label="Description" hint="Markdown." multiline rows={10} value={v.descriptionMd} error={e.descriptionMd} />
        <Field name="website" type="url" label="Website" value={v.website} error={e.website} />
        <Field name="programme" label="Programme" hint="e.g. HORIZON or H2020." value={v.programme} error={e.programme} maxLength={40} />
        <Field name="fundingScheme" label="Funding scheme" value={v.fundingScheme} error={e.fundingScheme} maxLength={60} />
        <Field name="grantId" label="Grant agreement number" value={v.grantId} error={e.grantId} maxLength={10} />
        <Field name="callTopic" label="Call topic" value={v.callTopic} error={e.callTopic} maxLength={120} />
        <Field name="startDate" type="date" label="Start date" value={v.startDate} error={e.startDate} />
        <Field name="endDate" type="date" label="End date" value={v.endDate} error={e.endDate} />
        <Field name="coordinatorName" label="Coordinator" value={v.coordinatorName} error={e.coordinatorName} maxLength={200} />
        <SelectField name="coordinatorCountry" label="Coordinator’s country" options={COUNTRY_OPTIONS} value={v.coordinatorCountry} error={e.coordinatorCountry} />
        <Field name="metals" label="Metals" hint="Separated by commas, e.g. lithium, cobalt." value={v.metals} error={e.metals} />
        <Field name="resources" label="Resources" hint="Separated by commas, e.g. brines, tailings." value={v.resources} error={e.resources} />
        <Field name="technologies" label="Technologies" hint="Separated by commas." value={v.technologies} error={e.technologies} />
        <Field name="tags" label="Tags" hint="Separated by commas." value={v.tags} error={e.tags} />
        {props.isAdmin && (
          <>
            <CheckboxField name="isMember" label="A member project of the hub" checked={Boolean(v.isMember)} />
            <Field name="joinedYear" label="Year it joined" value={v.joinedYear} error={e.joinedYear} maxLength={4} />
          </>
        )}
        <button type="submit">Save</button>
      </form>
    </>
  );
}

export function ProjectExtrasView(props: { project: Project; partners: Partner[]; csrf: string; partnerValues?: Values; partnerErrors?: Errors; logoError?: string }) {
  const p = props.project;
  const pv = props.partnerValues ?? { role: 'participant' };
  const pe = props.partnerErrors ?? {};
  return (
    <>
      <h2 id="logo">Logo</h2>
      {p.logoPath ? <p><img src={p.logoPath} alt={`${p.acronym} logo`} width={200} /></p> : <p>No logo yet.</p>}
      <form method="post" action={`/admin/projects/${p.id}/logo`} enctype="multipart/form-data" novalidate>
        <CsrfField token={props.csrf} />
        <div class={`field${props.logoError ? ' field-error' : ''}`}>
          <label for="field-logo">New logo</label>
          <p class="hint" id="field-logo-hint">JPEG, PNG, WebP or GIF, up to 5 MB.</p>
          {props.logoError && <p class="error-message" id="field-logo-error"><span class="visually-hidden">Error:</span> {props.logoError}</p>}
          <input id="field-logo" name="logo" type="file" accept="image/jpeg,image/png,image/webp,image/gif" aria-describedby={`field-logo-hint${props.logoError ? ' field-logo-error' : ''}`} />
        </div>
        <button type="submit" class="secondary">Upload the logo</button>
      </form>

      <h2 id="partners">Partners</h2>
      {props.partners.length ? (
        <ul>
          {props.partners.map((o) => (
            <li>
              {o.name}
              {o.country ? ` (${o.country})` : ''} — {o.role}{' '}
              <ActionButton action={`/admin/projects/${p.id}/partners/${o.id}/delete`} label={`Remove ${o.shortName ?? o.name}`} csrf={props.csrf} secondary />
            </li>
          ))}
        </ul>
      ) : (
        <p>No partners listed yet.</p>
      )}
      <h3>Add a partner</h3>
      <ErrorSummary errors={pe} />
      <form method="post" action={`/admin/projects/${p.id}/partners`} novalidate>
        <CsrfField token={props.csrf} />
        <Field name="name" label="Organisation" hint="An existing organisation with the same short name is reused." required value={pv.name} error={pe.name} maxLength={200} />
        <Field name="shortName" label="Short name" value={pv.shortName} error={pe.shortName} maxLength={60} />
        <SelectField name="country" label="Country" options={COUNTRY_OPTIONS} value={pv.country} error={pe.country} />
        <SelectField name="role" label="Role" value={pv.role} error={pe.role} options={PARTNER_ROLES.map((r) => ({ value: r, label: r }))} />
        <button type="submit" class="secondary">Add the partner</button>
      </form>
    </>
  );
}

export function OrganisationFormView(props: { csrf: string; action: string; values: Values; errors: Errors; organisation?: Organisation }) {
  const v = props.values;
  const e = props.errors;
  return (
    <>
      {props.organisation && <ActionButton action={`/admin/organisations/${props.organisation.id}/delete`} label="Delete this organisation" csrf={props.csrf} danger confirm="It is removed from every project it partners in." />}
      <ErrorSummary errors={e} />
      <form method="post" action={props.action} novalidate>
        <CsrfField token={props.csrf} />
        <Field name="name" label="Name" required value={v.name} error={e.name} maxLength={200} />
        <Field name="shortName" label="Short name" value={v.shortName} error={e.shortName} maxLength={60} />
        <SelectField name="country" label="Country" options={COUNTRY_OPTIONS} value={v.country} error={e.country} />
        <Field name="city" label="City" value={v.city} error={e.city} maxLength={100} />
        <SelectField
          name="activityType"
          label="Type (CORDIS)"
          value={v.activityType}
          error={e.activityType}
          options={[{ value: '', label: 'Not known' }, ...ACTIVITY_TYPES.map((t) => ({ value: t, label: { HES: 'Higher education', REC: 'Research organisation', PRC: 'Company', PUB: 'Public body', OTH: 'Other' }[t] }))]}
        />
        <Field name="valueChainStage" label="Value-chain stage" hint="e.g. exploration, extraction, processing, recycling." value={v.valueChainStage} error={e.valueChainStage} maxLength={60} />
        <Field name="lat" label="Latitude" value={v.lat} error={e.lat} maxLength={20} />
        <Field name="lon" label="Longitude" value={v.lon} error={e.lon} maxLength={20} />
        <Field name="website" type="url" label="Website" value={v.website} error={e.website} />
        <button type="submit">Save</button>
      </form>
    </>
  );
}

export function PersonFormView(props: { csrf: string; action: string; values: Values; errors: Errors; projects: Project[]; person?: Person }) {
  const v = props.values;
  const e = props.errors;
  return (
    <>
      {props.person && <ActionButton action={`/admin/people/${props.person.id}/delete`} label="Delete this person" csrf={props.csrf} danger confirm="They are removed from every programme they appear in." />}
      <ErrorSummary errors={e} />
      <form method="post" action={props.action} novalidate>
        <CsrfField token={props.csrf} />
        <Field name="name" label="Name" required value={v.name} error={e.name} maxLength={200} />
        <Field name="honorific" label="Honorific" hint="e.g. Dr, Prof." value={v.honorific} error={e.honorific} maxLength={40} />
        <Field name="jobTitle" label="Job title" value={v.jobTitle} error={e.jobTitle} maxLength={200} />
        <Field name="affiliation" label="Affiliation" value={v.affiliation} error={e.affiliation} maxLength={300} />
        <SelectField name="projectId" label="Project" value={v.projectId} error={e.projectId} options={[{ value: '', label: 'None' }, ...props.projects.map((p) => ({ value: String(p.id), label: p.acronym }))]} />
        <button type="submit">Save</button>
      </form>
    </>
  );
}
