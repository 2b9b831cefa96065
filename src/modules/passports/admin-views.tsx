import { formatInstant } from '../../lib/time.js';
import { ActionButton, AdminTable, CheckboxField, SelectField, Stamp } from '../../web/admin.js';
import { CsrfField, ErrorSummary, Field } from '../../web/components/index.js';
import type { AccessRequest, Authority } from './access.js';
import type { Flat } from './document.js';
import { ACCESS_LABELS, ACCESS_LEVELS, CATEGORIES, CATEGORY_LABELS, EDITABLE_GROUPS, FIELD_BY_KEY, type FieldDef, fieldsOf, GROUP_LABELS, type Group, MATERIALS, materialName } from './fields.js';
import { FieldValue, inputValue } from './format.js';
import { changedKey } from './history.js';
import { adminPassportPath, type Passport, type PassportSummary, passportPath, type Version } from './service.js';
import { STATUS_LABELS } from './views.js';

type Values = Record<string, unknown>;
type Errors = Record<string, string>;

const categoryOptions = CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }));
const today = () => new Date().toISOString().slice(0, 10);

/** Requests waiting for the owning project, with approve (for a period) and refuse. */
function RequestList(props: { requests: AccessRequest[]; csrf: string; showPassport: boolean }) {
  if (!props.requests.length) return <p>No requests for access.</p>;
  return (
    <ul class="plain-list passport-requests">
      {props.requests.map((r) => (
        <li>
          <p>
            <strong>{r.requester}</strong> ({r.requesterEmail}) asked on {formatInstant(r.createdAt)}
            {props.showPassport && (
              <>
                {' '}
                for <a href={adminPassportPath(r.identifier)}>{r.model}</a>
              </>
            )}
            : “{r.reason}”
          </p>
          {r.status === 'pending' ? (
            <form method="post" action={`/admin/passports/requests/${r.id}`} class="inline-form passport-decision">
              <CsrfField token={props.csrf} />
              <div class="field">
                <label for={`until-${r.id}`}>Access open until (end of that day, UTC)</label>
                <input id={`until-${r.id}`} type="date" name="until" value={new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10)} min={today()} />
              </div>
              <button type="submit" name="decision" value="approve">
                Approve
              </button>
              <button type="submit" name="decision" value="refuse" class="secondary">
                Refuse
              </button>
            </form>
          ) : (
            <p class="small">{r.status === 'approved' ? `Approved until ${formatInstant(r.expiresAt!)}` : 'Refused'}</p>
          )}
        </li>
      ))}
    </ul>
  );
}

export function PassportsAdminView(props: { items: PassportSummary[]; total: number; page: number; pageCount: number; requests: AccessRequest[]; csrf: string; isAdmin: boolean }) {
  return (
    <>
      <p>
        <a class="button" href="/admin/passports/new">
          New passport
        </a>{' '}
        <a class="button secondary" href="/admin/passports/import">
          Import JSON
        </a>
        {props.isAdmin && (
          <>
            {' '}
            <a href="/admin/passports/authorities">Authorities</a>
          </>
        )}
      </p>
      <h2>Requests for access</h2>
      <RequestList requests={props.requests} csrf={props.csrf} showPassport />
      <h2>Passports</h2>
      <AdminTable
        caption="Passports you keep"
        columns={['Battery', 'Status', 'Project', 'Changed']}
        rows={props.items.map((p) => [
          <>
            <a href={adminPassportPath(p.identifier)}>{p.model}</a>
            <br />
            <span class="small">{p.identifier}</span>
          </>,
          STATUS_LABELS[p.status],
          p.projectAcronym,
          <Stamp iso={p.updatedAt} />,
        ])}
        total={props.total}
        page={props.page}
        pageCount={props.pageCount}
        base="/admin/passports"
        one="passport"
      />
    </>
  );
}

export function NewPassportView(props: { csrf: string; projects: { id: number; acronym: string }[]; values?: Values; errors?: Errors }) {
  const v = props.values ?? {};
  const errors = props.errors ?? {};
  return (
    <>
      <ErrorSummary errors={errors} />
      <form method="post" action="/admin/passports" novalidate class="settings-form">
        <CsrfField token={props.csrf} />
        <Field name="model" label="Battery model" required maxLength={120} value={v.model} error={errors.model} />
        <SelectField name="category" label="Category" options={categoryOptions} value={v.category} error={errors.category} />
        <SelectField name="project" label="Owning project" options={props.projects.map((p) => ({ value: String(p.id), label: p.acronym }))} value={v.project} error={errors.project} />
        <Field name="identifier" label="Passport identifier" hint="A URN like urn:free4lib:bp:ev-0001. Leave it empty and the hub makes one." maxLength={200} value={v.identifier} error={errors.identifier} />
        <CheckboxField name="demonstrator" label="This is a demonstrator: no real battery carries it" checked={v.demonstrator !== undefined || props.values === undefined} />
        <button type="submit">Create the passport</button>
      </form>
    </>
  );
}

function AccessSelect(props: { field: FieldDef; value: string }) {
  const id = `access-${props.field.key}`;
  const base = ACCESS_LEVELS.indexOf(props.field.access);
  return (
    <div class="field passport-access">
      <label for={id}>
        Who may read it<span class="visually-hidden">: {props.field.label}</span>
      </label>
      <select id={id} name={`access.${props.field.key}`}>
        {ACCESS_LEVELS.slice(base).map((level, i) => (
          <option value={level} selected={props.value === level}>
            {ACCESS_LABELS[level]}
            {i === 0 ? ' (default)' : ''}
          </option>
        ))}
      </select>
    </div>
  );
}

/** One group's data points, each with its unit in the label and its access level beside it. */
export function GroupFormView(props: { passport: Passport; group: Group; csrf: string; values?: Values; errors?: Errors }) {
  const p = props.passport;
  const errors = props.errors ?? {};
  const value = (f: FieldDef) => (props.values ? props.values[f.key] : inputValue(f, p.data[f.key]));
  const access = (f: FieldDef) => String(props.values?.[`access.${f.key}`] ?? p.access[f.key] ?? f.access);
  return (
    <>
      <ErrorSummary errors={errors} />
      <form method="post" action={`${adminPassportPath(p.identifier)}/edit/${props.group}`} novalidate class="settings-form passport-form">
        <CsrfField token={props.csrf} />
        <p>Leave a data point empty if it is not known. The regulation sets who may read each one; you may narrow it, never widen it.</p>
        {props.group === 'general' && (
          <>
            <Field name="model" label="Battery model" required maxLength={120} value={props.values?.model ?? p.model} error={errors.model} />
            <SelectField name="category" label="Category" options={categoryOptions} value={props.values?.category ?? p.category} error={errors.category} />
          </>
        )}
        {fieldsOf(props.group).map((f) =>
          f.kind === 'series' ? (
            <fieldset class="passport-field">
              <legend>{f.label}</legend>
              <p class="hint">Add readings with the form “Add a state-of-health reading” on the passport’s page.</p>
              <AccessSelect field={f} value={access(f)} />
            </fieldset>
          ) : (
            <fieldset class="passport-field">
              <legend class="visually-hidden">{f.label}</legend>
              {f.kind === 'choice' ? (
                <SelectField name={f.key} label={f.label} options={[{ value: '', label: 'Not given' }, ...f.choices!.map((c) => ({ value: c, label: c }))]} value={value(f)} error={errors[f.key]} hint={f.hint} />
              ) : (
                <Field
                  name={f.key}
                  label={f.unit ? `${f.label} (${f.unit})` : f.label}
                  hint={f.kind === 'share' ? 'A share from 0 to 100.' : f.kind === 'date' ? 'Like 2026-05-31.' : f.hint}
                  multiline={f.kind === 'longtext' || f.kind === 'list'}
                  rows={f.kind === 'list' ? 4 : 5}
                  type={f.kind === 'quantity' || f.kind === 'share' ? 'text' : f.kind === 'url' ? 'url' : 'text'}
                  value={value(f)}
                  error={errors[f.key] ?? errors[f.key.split('.').slice(0, 3).join('.')]}
                />
              )}
              <AccessSelect field={f} value={access(f)} />
            </fieldset>
          ),
        )}
        <button type="submit">Save {GROUP_LABELS[props.group].toLowerCase()}</button>
      </form>
    </>
  );
}

/** The passport's back-office page: its groups, life-cycle actions, versions and requests. */
export function PassportAdminView(props: { passport: Passport; projectAcronym: string; csrf: string; requests: AccessRequest[]; errors?: Errors; values?: Values }) {
  const p = props.passport;
  const base = adminPassportPath(p.identifier);
  const errors = props.errors ?? {};
  const v = props.values ?? {};
  const open = p.status === 'active';
  return (
    <>
      <p>
        <a href={passportPath(p.identifier)}>Public page</a> · <a href={`${base}/versions`}>Versions ({p.version})</a> · <a href={`${base}/export.json`}>Export JSON</a> ·{' '}
        <a href={`${base}/export.json?format=batterypass`}>Export with Battery Pass names</a>
      </p>
      <dl class="facts">
        <dt>Identifier</dt>
        <dd>
          <code>{p.identifier}</code>
        </dd>
        <dt>Project</dt>
        <dd>{props.projectAcronym}</dd>
        <dt>Status</dt>
        <dd>{STATUS_LABELS[p.status]}</dd>
      </dl>
      {!open && <p class="notice">{p.status === 'recycled' ? 'This passport is closed: the battery was recycled.' : 'This battery lives on under a second-life passport; this one no longer changes.'}</p>}
      <ErrorSummary errors={errors} />
      <h2>Data</h2>
      <ul class="plain-list">
        {EDITABLE_GROUPS.map((g) => {
          const filled = fieldsOf(g).filter((f) => p.data[f.key] !== undefined).length;
          return (
            <li>
              {open ? <a href={`${base}/edit/${g}`}>{GROUP_LABELS[g]}</a> : GROUP_LABELS[g]} <span class="small">({filled} of {fieldsOf(g).length} data points given)</span>
            </li>
          );
        })}
      </ul>
      {open && (
        <>
          <h2>Add a state-of-health reading</h2>
          <form method="post" action={`${base}/readings`} novalidate class="inline-form passport-decision">
            <CsrfField token={props.csrf} />
            <Field name="date" label="Date" type="date" required value={v.date ?? today()} error={errors.date} />
            <Field name="value" label="State of health (%)" required value={v.value} error={errors.value} />
            <button type="submit">Add the reading</button>
          </form>
          <h2>Second life</h2>
          <p>The battery is repurposed (for example as stationary storage): it gets a new passport linked to this one, which then closes for changes. Materials and circularity data carry over.</p>
          <form method="post" action={`${base}/second-life`} novalidate class="settings-form">
            <CsrfField token={props.csrf} />
            <Field name="identifier" label="New passport identifier" required maxLength={200} value={v.identifier} error={errors.identifier} />
            <Field name="model" label="New battery model" required maxLength={120} value={v.model} error={errors.model} />
            <SelectField name="category" label="New category" options={categoryOptions} value={v.category ?? 'industrial'} error={errors.category} />
            <button type="submit">Start the second life</button>
          </form>
          <h2>Recycling</h2>
          <p>Recycling closes the passport for good and records what was recovered; new batteries’ passports can then cite it as the source of their recycled content.</p>
          <form method="post" action={`${base}/recycle`} novalidate class="settings-form">
            <CsrfField token={props.csrf} />
            <Field name="recycledOn" label="Recycled on" type="date" required value={v.recycledOn} error={errors.recycledOn} />
            <Field name="recycler" label="Recycler" required maxLength={200} value={v.recycler} error={errors.recycler} />
            {MATERIALS.map((m) => (
              <Field name={`recovered.${m}`} label={`${materialName(m)} recovered (kg)`} value={v[`recovered.${m}`]} error={errors[`recovered.${m}`]} />
            ))}
            <button type="submit" class="danger">
              Record recycling and close the passport
            </button>
          </form>
        </>
      )}
      <h2>Requests for access</h2>
      <RequestList requests={props.requests} csrf={props.csrf} showPassport={false} />
    </>
  );
}

const KIND_LABELS: Record<Version['kind'], string> = {
  create: 'Created',
  edit: 'Edited',
  reading: 'Reading added',
  'second-life': 'Created as a second life',
  repurposed: 'Repurposed',
  recycled: 'Recycled and closed',
};

const changeLabel = (entry: string) => (entry === 'model' ? 'Battery model' : entry === 'category' ? 'Category' : entry === 'access' ? 'Access levels' : (FIELD_BY_KEY.get(changedKey(entry))?.label ?? entry));

export function VersionsView(props: { passport: Passport; versions: Version[] }) {
  const base = adminPassportPath(props.passport.identifier);
  return (
    <div class="table-scroll">
      <table class="data-table">
        <caption>Every change to this passport, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">What</th>
            <th scope="col">Who</th>
            <th scope="col">When</th>
            <th scope="col">Data points changed</th>
          </tr>
        </thead>
        <tbody>
          {[...props.versions].reverse().map((v) => (
            <tr>
              <td>
                <a href={`${base}/versions/${v.version}`}>{v.version}</a>
              </td>
              <td>{KIND_LABELS[v.kind]}</td>
              <td>{v.by ?? 'The hub'}</td>
              <td>{formatInstant(v.at)}</td>
              <td>{v.version === 1 ? 'First version' : Object.keys(v.undo).map(changeLabel).join(', ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One version beside the one before it: each changed data point, before and after. */
export function VersionDiffView(props: { passport: Passport; version: Version; before: Flat; after: Flat }) {
  const keys = props.version.version === 1 ? Object.keys(props.after) : [...new Set(Object.keys(props.version.undo).map(changedKey))].filter((key) => FIELD_BY_KEY.has(key));
  const show = (key: string, data: Flat) =>
    data[key] === undefined ? <span class="small">not given</span> : <FieldValue field={FIELD_BY_KEY.get(key)!} value={data[key]} />;
  return (
    <>
      <p>
        {KIND_LABELS[props.version.kind]} by {props.version.by ?? 'the hub'}, {formatInstant(props.version.at)}. <a href={`${adminPassportPath(props.passport.identifier)}/versions`}>All versions</a>
      </p>
      <div class="table-scroll">
        <table class="data-table">
          <caption>Changes in version {props.version.version}</caption>
          <thead>
            <tr>
              <th scope="col">Data point</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr>
                <th scope="row">{changeLabel(key)}</th>
                <td>{show(key, props.before)}</td>
                <td>{show(key, props.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function ImportView(props: { csrf: string; projects: { id: number; acronym: string }[]; values?: Values; errors?: Errors; ignored?: string[] }) {
  const errors = props.errors ?? {};
  return (
    <>
      <p>
        Paste a passport as JSON, in the hub’s own format (<a href="/passports/schema.json">its JSON Schema</a>) or with the Battery Pass data model’s names for the data points they
        share. An existing identifier is refused: edit that passport instead.
      </p>
      <ErrorSummary errors={errors} />
      <form method="post" action="/admin/passports/import" novalidate class="settings-form">
        <CsrfField token={props.csrf} />
        <SelectField name="project" label="Owning project" options={props.projects.map((p) => ({ value: String(p.id), label: p.acronym }))} value={props.values?.project} error={errors.project} />
        <Field name="json" label="Passport JSON" required multiline rows={16} value={props.values?.json} error={errors.json} />
        <button type="submit">Import</button>
      </form>
    </>
  );
}

export function AuthoritiesView(props: { authorities: Authority[]; csrf: string; values?: Values; errors?: Errors }) {
  const errors = props.errors ?? {};
  return (
    <>
      <p>People on this list read every data point of every passport, as the regulation’s authorities (market surveillance, customs, the Commission) may. Each read is recorded in the audit log.</p>
      {props.authorities.length ? (
        <ul class="plain-list">
          {props.authorities.map((a) => (
            <li>
              {a.name} ({a.email}), {a.body} <ActionButton action={`/admin/passports/authorities/${a.userId}/remove`} label="Remove" csrf={props.csrf} small secondary />
            </li>
          ))}
        </ul>
      ) : (
        <p>No one yet.</p>
      )}
      <h2>Add a person</h2>
      <ErrorSummary errors={errors} />
      <form method="post" action="/admin/passports/authorities" novalidate class="settings-form">
        <CsrfField token={props.csrf} />
        <Field name="email" label="E-mail address of their account" type="email" required value={props.values?.email} error={errors.email} />
        <Field name="body" label="Authority they read for" required maxLength={200} value={props.values?.body} error={errors.body} />
        <button type="submit">Add</button>
      </form>
    </>
  );
}
