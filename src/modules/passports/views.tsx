import { counted } from '../../lib/plural.js';
import { formatInstant } from '../../lib/time.js';
import { Breadcrumbs, CsrfField, ErrorSummary, Field, Pager } from '../../web/components/index.js';
import type { AccessRequest } from './access.js';
import type { Flat } from './document.js';
import { ACCESS_LABELS, type Access, CATEGORY_LABELS, FIELD_BY_KEY, FIELDS, GROUP_LABELS, GROUPS, MATERIALS, materialName } from './fields.js';
import { FieldValue } from './format.js';
import { type Passport, type PassportSummary, passportPath, type Related, type Status, type VersionKind } from './service.js';

export const STATUS_LABELS: Record<Status, string> = { active: 'In use', repurposed: 'Repurposed (second life)', recycled: 'Recycled (closed)' };

/** How a reader gets what they may not see yet: the same words on the page, the 403 page and the API's 403. */
export function howToAsk(identifier: string, level: Access, where = ` at ${passportPath(identifier)}/access`): string {
  return level === 'interest'
    ? `Sign in and ask the owning project for access${where}, saying why you need it; it decides and, if it agrees, opens the data to you for a period.`
    : 'Only authorities (market surveillance, customs, the Commission) read this; the hub’s coordinators register their accounts.';
}

export function PassportListView(props: { items: PassportSummary[]; total: number; page: number; pageCount: number }) {
  return (
    <div class="container">
      <h1>Battery passports</h1>
      <p class="lead">
        Member projects try the digital battery passport of Regulation (EU) 2023/1542 here with their pilot batteries. Each passport shows what the regulation makes public;
        other data points open to persons with a legitimate interest and to authorities.
      </p>
      <p class="result-count">{props.total ? counted(props.total, 'passport') : 'No passports yet.'}</p>
      {props.items.length > 0 && (
        <div class="table-scroll">
          <table class="data-table">
            <caption class="visually-hidden">Battery passports</caption>
            <thead>
              <tr>
                <th scope="col">Battery</th>
                <th scope="col">Category</th>
                <th scope="col">Status</th>
                <th scope="col">Project</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((p) => (
                <tr>
                  <td>
                    <a href={passportPath(p.identifier)}>{p.model}</a>
                    {p.demonstrator && <span class="badge"> Demonstrator</span>}
                    <br />
                    <span class="small">{p.identifier}</span>
                  </td>
                  <td>{CATEGORY_LABELS[p.category]}</td>
                  <td>{STATUS_LABELS[p.status]}</td>
                  <td>{p.projectAcronym}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={props.page} pageCount={props.pageCount} base="/passports" />
    </div>
  );
}

export interface TimelineStep {
  date: string;
  title: string;
  detail?: preact.ComponentChildren;
}

const RELATED = (r: Related) => (
  <a href={passportPath(r.identifier)}>
    {r.model} ({r.identifier})
  </a>
);

/** The battery's life as a dated list: made, in service, passport opened, second life, recycled, cited. */
export function timelineSteps(passport: Passport, events: { kind: VersionKind; at: string }[], related: { origin: Related | null; successors: Related[]; source: Related | null; citedBy: Related[] }, data: Flat): TimelineStep[] {
  const steps: TimelineStep[] = [];
  const made = data['general.manufacturingDate'];
  if (made) steps.push({ date: String(made), title: 'Manufactured', detail: data['general.manufacturingPlace'] ? String(data['general.manufacturingPlace']) : undefined });
  const service = data['general.serviceStartDate'];
  if (service) steps.push({ date: String(service), title: 'Put into service' });
  for (const event of events) {
    const date = event.at.slice(0, 10);
    if (event.kind === 'create') steps.push({ date, title: 'Passport opened' });
    if (event.kind === 'second-life') steps.push({ date, title: 'Second life began', detail: related.origin && <>Built from {RELATED(related.origin)}</> });
    if (event.kind === 'repurposed') steps.push({ date, title: 'Repurposed', detail: related.successors.length > 0 && <>Continues as {related.successors.map(RELATED)}</> });
    if (event.kind === 'recycled') {
      const recovered = MATERIALS.filter((m) => data[`endOfLife.recovered.${m}`] !== undefined).map((m) => `${materialName(m)} ${String(data[`endOfLife.recovered.${m}`])} kg`);
      steps.push({
        date: String(data['endOfLife.recycledOn'] ?? date),
        title: 'Recycled: passport closed',
        detail: (
          <>
            {data['endOfLife.recycler'] ? `By ${String(data['endOfLife.recycler'])}. ` : ''}
            {recovered.length ? `Recovered: ${recovered.join(', ')}.` : ''}
          </>
        ),
      });
    }
  }
  if (related.source) steps.push({ date: passport.createdAt.slice(0, 10), title: 'Recycled content cited', detail: <>Contains materials recovered from {RELATED(related.source)}</> });
  for (const user of related.citedBy) steps.push({ date: '', title: 'Recovered materials reused', detail: <>Cited as recycled content by {RELATED(user)}</> });
  return steps.sort((a, b) => (a.date && b.date ? a.date.localeCompare(b.date) : a.date ? -1 : 1));
}

function Timeline(props: { steps: TimelineStep[] }) {
  return (
    <section aria-labelledby="timeline-heading" class="passport-timeline">
      <h2 id="timeline-heading">Life of this battery</h2>
      <ol class="timeline">
        {props.steps.map((s) => (
          <li>
            {s.date ? <time dateTime={s.date}>{s.date}</time> : <span class="small">Later</span>}
            <strong>{s.title}</strong>
            {s.detail && <p>{s.detail}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function PassportPageView(props: {
  passport: Passport;
  projectAcronym: string;
  projectSlug: string | null;
  visible: Flat;
  withheld: { key: string; level: Access }[];
  clearance: Access;
  steps: TimelineStep[];
  signedIn: boolean;
  canEdit: boolean;
}) {
  const p = props.passport;
  const withheld = new Map(props.withheld.map((w) => [w.key, w.level]));
  return (
    <div class="container passport">
      <Breadcrumbs items={[{ href: '/passports', label: 'Battery passports' }, { label: p.model }]} />
      <div class="passport-head">
        <div>
          <h1>{p.model}</h1>
          {p.demonstrator && (
            <p class="notice">
              <strong>Demonstrator.</strong> An invented passport for trying the battery passport out: no real battery carries it.
            </p>
          )}
          <dl class="facts">
            <dt>Passport identifier</dt>
            <dd>
              <code>{p.identifier}</code>
            </dd>
            <dt>Category</dt>
            <dd>{CATEGORY_LABELS[p.category]}</dd>
            <dt>Status</dt>
            <dd>{STATUS_LABELS[p.status]}</dd>
            <dt>Kept by</dt>
            <dd>{props.projectSlug ? <a href={`/projects/${props.projectSlug}`}>{props.projectAcronym}</a> : props.projectAcronym}</dd>
            <dt>Last changed</dt>
            <dd>{formatInstant(p.updatedAt)}</dd>
          </dl>
          <p>
            You see: <strong>{props.clearance === 'public' ? 'public data' : ACCESS_LABELS[props.clearance].toLowerCase()}</strong>.{' '}
            {props.canEdit ? <a href={`/admin${passportPath(p.identifier)}`}>Edit this passport</a> : props.withheld.length > 0 && <a href={`${passportPath(p.identifier)}/access`}>Ask for access to restricted data</a>}
            {' · '}
            <a href={`/api/v1${passportPath(p.identifier)}`}>JSON</a>
          </p>
        </div>
        <figure class="passport-qr">
          <img src={`${passportPath(p.identifier)}/qr.svg`} width={160} height={160} alt={`QR code of this page’s address`} />
          <figcaption>Scan to open this passport</figcaption>
        </figure>
      </div>
      <Timeline steps={props.steps} />
      {GROUPS.map((group) => {
        const fields = FIELDS.filter((f) => f.group === group && (props.visible[f.key] !== undefined || withheld.has(f.key)));
        if (!fields.length) return null;
        return (
          <section aria-labelledby={`group-${group}`}>
            <h2 id={`group-${group}`}>{GROUP_LABELS[group]}</h2>
            <dl class="passport-data">
              {fields.map((f) => (
                <>
                  <dt>{f.label}</dt>
                  <dd>
                    {props.visible[f.key] !== undefined ? (
                      <FieldValue field={f} value={props.visible[f.key]} />
                    ) : (
                      <span class="restricted">
                        Restricted to {ACCESS_LABELS[withheld.get(f.key)!].toLowerCase()}.{' '}
                        <a href={`${passportPath(p.identifier)}/data/${f.key}`}>How to get access</a>
                      </span>
                    )}
                  </dd>
                </>
              ))}
            </dl>
          </section>
        );
      })}
    </div>
  );
}

/** The answer to a request for one data point the reader may not see. */
export function RestrictedView(props: { identifier: string; field: string; level: Access; signedIn: boolean }) {
  const label = FIELD_BY_KEY.get(props.field)?.label ?? props.field;
  return (
    <div class="container narrow">
      <h1>This data point is restricted</h1>
      <p>
        “{label}” of passport <code>{props.identifier}</code> is open to {ACCESS_LABELS[props.level].toLowerCase()} only.
      </p>
      <p>{howToAsk(props.identifier, props.level, '')}</p>
      {props.level === 'interest' && (
        <p>
          <a class="button" href={props.signedIn ? `${passportPath(props.identifier)}/access` : `/sign-in?next=${encodeURIComponent(`${passportPath(props.identifier)}/access`)}`}>
            {props.signedIn ? 'Ask for access' : 'Sign in to ask for access'}
          </a>
        </p>
      )}
      <p>
        <a href={passportPath(props.identifier)}>Back to the passport</a>
      </p>
    </div>
  );
}

/** The form a signed-in person uses to ask the owning project for the restricted data, with their earlier requests. */
export function RequestAccessView(props: { passport: Passport; projectAcronym: string; csrf: string; mine: AccessRequest[]; values?: Record<string, unknown>; errors?: Record<string, string>; sent?: boolean }) {
  const errors = props.errors ?? {};
  const p = props.passport;
  return (
    <div class="container narrow">
      <Breadcrumbs items={[{ href: '/passports', label: 'Battery passports' }, { href: passportPath(p.identifier), label: p.model }, { label: 'Ask for access' }]} />
      <h1>Ask for access to restricted data</h1>
      {props.sent && (
        <p class="notice success" role="status">
          Your request is with {props.projectAcronym}. This page shows its answer.
        </p>
      )}
      <p>
        Persons with a legitimate interest (Article 77 of the Battery Regulation: repairers, second-life operators, recyclers, researchers) may read the data points of{' '}
        <strong>{p.model}</strong> that are not public. {props.projectAcronym} keeps this passport and decides; if it agrees, access runs for a period it sets, and every read is
        recorded in the hub’s audit log.
      </p>
      {props.mine.length > 0 && (
        <>
          <h2>Your requests</h2>
          <ul class="plain-list">
            {props.mine.map((r) => (
              <li>
                {formatInstant(r.createdAt)}: {r.status === 'pending' ? 'waiting for a decision' : r.status === 'approved' ? `approved until ${formatInstant(r.expiresAt!)}` : 'refused'}
              </li>
            ))}
          </ul>
        </>
      )}
      {props.mine.some((r) => r.status === 'pending') ? (
        <p>You can ask again once {props.projectAcronym} has decided on your open request.</p>
      ) : (
        <>
          <ErrorSummary errors={errors} />
          <form method="post" action={`${passportPath(p.identifier)}/access`} novalidate>
            <CsrfField token={props.csrf} />
            <Field name="reason" label="Why do you need the data?" hint="Who you are, your organisation, and what you will do with the data." multiline rows={5} required maxLength={2000} value={props.values?.reason} error={errors.reason} />
            <button type="submit">Send the request</button>
          </form>
        </>
      )}
    </div>
  );
}
