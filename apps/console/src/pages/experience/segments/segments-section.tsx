import { useEffect, useId, useState } from 'react';
import {
  type Condition, type ConditionGroup, type SegmentDetail, type SegmentKind, type SegmentMember, type SegmentPreview, type SegmentSummary,
  addSegmentMember, createSegment, deleteSegment, getSegment, listSegmentMembers, listSegments, previewSegment, removeSegmentMember, segmentMembersCsvUrl, updateSegment,
} from '../../../api/segment-endpoints.ts';
import { listContacts } from '../../../api/endpoints.ts';
import { ConfirmButton } from '../../../components/confirm-button.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { useCurrentAccount, useIsAdmin } from '../../../hooks/use-current-account.ts';
import { useFormAction } from '../../../hooks/use-form-action.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { navigate } from '../../../router/history.ts';
import { Link } from '../../../router/link.tsx';
import { paths } from '../../../routes/paths.ts';
import { NotFoundPage } from '../../not-found-page.tsx';
import { FormError, readFieldError } from '../../settings/helpdesk-shared.tsx';
import { ConditionGroupEditor, isConditionComplete } from './condition-builder.tsx';
import './segments.css';

const SEGMENT_EVENTS = ['segment.*'] as const;
const PREVIEW_DELAY_MS = 400;
/** While a segment builds, its page asks again this often to move the progress bar. */
const BUILD_POLL_MS = 1_500;

/** `/a/:accountId/experience/segments/…`: the list, `new`, `<id>` (members) and `<id>/edit`. */
export function SegmentsSection({ rest }: { rest: string[] }) {
  const account = useCurrentAccount();
  const [first, second] = rest;
  if (!first) return <SegmentList />;
  if (first === 'new' && !second) return <SegmentEditor segment={null} />;
  if (!second) return <SegmentPage segmentId={first} />;
  if (second === 'edit') return <EditSegment segmentId={first} />;
  return <NotFoundPage homeTo={paths.experience(account.id, 'segments')} />;
}

function BuildProgress({ build }: { build: SegmentSummary['build'] }) {
  const { t, formatNumber } = useI18n();
  if (build.status !== 'building') return null;
  return (
    <span className="segment-build">
      <progress max={Math.max(build.total, 1)} value={build.done} aria-label={t('segments.buildingLabel')} />{' '}
      <span>{t('segments.building', { done: formatNumber(build.done), total: formatNumber(build.total) })}</span>
    </span>
  );
}

function SegmentList() {
  const { t, formatNumber, formatDate } = useI18n();
  const account = useCurrentAccount();
  const isAdmin = useIsAdmin();
  const segments = useResource((signal) => listSegments(account.id, signal), [account.id], { accountId: account.id, events: SEGMENT_EVENTS });
  const building = segments.data?.segments.some((segment) => segment.build.status === 'building') ?? false;
  usePolling(building, segments.reload);
  const items = segments.data?.segments ?? [];
  return (
    <>
      <PageHeader
        title={t('segments.title')}
        description={t('segments.description')}
        actions={isAdmin ? <Link to={paths.experience(account.id, 'segments', 'new')} className="button button-primary">{t('segments.new')}</Link> : null}
      />
      <ErrorNotice error={segments.error} />
      {segments.loading && !segments.data ? <LoadingState /> : null}
      {segments.data && items.length === 0 ? <EmptyState title={t('segments.empty')}><p>{t('segments.emptyHint')}</p></EmptyState> : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="table table-responsive segment-table">
            <caption className="visually-hidden">{t('segments.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('segments.name')}</th>
                <th scope="col">{t('segments.kind')}</th>
                <th scope="col" className="numeric">{t('segments.members')}</th>
                <th scope="col">{t('segments.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((segment) => (
                <tr key={segment.id}>
                  <td data-label={t('segments.name')}>
                    <Link to={paths.experience(account.id, 'segments', segment.id)} className="segment-name">{segment.name}</Link>
                    {segment.description ? <span className="segment-description muted">{segment.description}</span> : null}
                  </td>
                  <td data-label={t('segments.kind')}>
                    <span className={`badge segment-kind-${segment.kind}`}>{segment.kind === 'dynamic' ? t('segments.dynamic') : t('segments.manual')}</span>
                  </td>
                  <td data-label={t('segments.members')} className="numeric">
                    {segment.build.status === 'building' ? <BuildProgress build={segment.build} /> : formatNumber(segment.memberCount)}
                  </td>
                  <td data-label={t('segments.updated')}>{formatDate(segment.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

/** Reloads every BUILD_POLL_MS while `active` (a build in progress). */
function usePolling(active: boolean, reload: () => void) {
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(reload, BUILD_POLL_MS);
    return () => clearInterval(timer);
  }, [active, reload]);
}

function EditSegment({ segmentId }: { segmentId: string }) {
  const account = useCurrentAccount();
  const segment = useResource((signal) => getSegment(account.id, segmentId, signal), [account.id, segmentId]);
  if (segment.error) return <ErrorNotice error={segment.error} />;
  if (!segment.data) return <LoadingState />;
  return <SegmentEditor segment={segment.data} />;
}

const asGroup = (condition: Condition | null): ConditionGroup =>
  condition === null ? { kind: 'all', conditions: [] } : condition.kind === 'all' || condition.kind === 'any' ? condition : { kind: 'all', conditions: [condition] };

const FORM_FIELDS = ['name', 'description', 'kind'] as const;

/** Create (segment null) or edit a segment: name, kind, and for a dynamic one the condition with a live count. */
function SegmentEditor({ segment }: { segment: SegmentDetail | null }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const [name, setName] = useState(segment?.name ?? '');
  const [description, setDescription] = useState(segment?.description ?? '');
  const [kind, setKind] = useState<SegmentKind>(segment?.kind ?? 'dynamic');
  const [group, setGroup] = useState<ConditionGroup>(() => asGroup(segment?.condition ?? null));
  const others = useResource((signal) => listSegments(account.id, signal), [account.id]);
  const choices = (others.data?.segments ?? []).filter((item) => item.id !== segment?.id);
  const { error, busy, handleSubmit } = useFormAction(async () => {
    const saved = segment
      ? await updateSegment(account.id, segment.id, { name: name.trim(), description: description.trim(), ...(segment.kind === 'dynamic' ? { condition: group } : {}) })
      : await createSegment(account.id, { name: name.trim(), description: description.trim(), kind, condition: kind === 'dynamic' ? group : null });
    navigate(paths.experience(account.id, 'segments', saved.id));
  });
  const complete = isConditionComplete(group);
  const conditionErrors = error && typeof error === 'object' && 'fieldErrors' in error ? (error as { fieldErrors: { path: string; message: string }[] }).fieldErrors.filter((item) => item.path.startsWith('condition')) : [];
  return (
    <>
      <PageHeader
        title={segment ? t('segments.editTitle', { name: segment.name }) : t('segments.newTitle')}
        before={<Link to={segment ? paths.experience(account.id, 'segments', segment.id) : paths.experience(account.id, 'segments')} className="back-link">{t('segments.back')}</Link>}
      />
      <form className="form segment-form" onSubmit={handleSubmit} noValidate={false}>
        <FormError error={error} fieldPaths={[...FORM_FIELDS, ...conditionErrors.map((item) => item.path)]} />
        <div className="form-row">
          <TextField id={`${id}-name`} label={t('segments.name')} required maxLength={120} value={name} error={readFieldError(error, 'name')} onChange={(event) => setName(event.target.value)} />
          <TextField id={`${id}-description`} label={t('segments.descriptionLabel')} maxLength={1000} value={description} error={readFieldError(error, 'description')} onChange={(event) => setDescription(event.target.value)} />
        </div>
        {segment ? null : (
          <fieldset className="segment-kind-choice">
            <legend>{t('segments.kind')}</legend>
            {(['dynamic', 'manual'] as const).map((option) => (
              <label key={option} className="segment-kind-option">
                <input type="radio" name={`${id}-kind`} value={option} checked={kind === option} onChange={() => setKind(option)} />
                <span>
                  <strong>{option === 'dynamic' ? t('segments.dynamic') : t('segments.manual')}</strong>
                  <span className="muted">{option === 'dynamic' ? t('segments.dynamicHint') : t('segments.manualHint')}</span>
                </span>
              </label>
            ))}
          </fieldset>
        )}
        {kind === 'dynamic' ? (
          <section className="panel segment-condition" aria-labelledby={`${id}-condition`}>
            <h2 id={`${id}-condition`} className="panel-title">{t('segments.conditionTitle')}</h2>
            {conditionErrors.length > 0 ? (
              <ul className="segment-condition-errors" role="alert">
                {conditionErrors.map((item) => <li key={item.path}>{describeConditionPath(item.path, t('segments.rowWord'))}: {item.message}</li>)}
              </ul>
            ) : null}
            <ConditionGroupEditor group={group} onChange={setGroup} segments={choices} />
            <LivePreview condition={complete ? group : null} />
          </section>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy || (kind === 'dynamic' && !complete)}>{segment ? t('segments.save') : t('segments.create')}</button>
          <Link to={segment ? paths.experience(account.id, 'segments', segment.id) : paths.experience(account.id, 'segments')} className="button button-ghost">{t('common.cancel')}</Link>
        </div>
      </form>
    </>
  );
}

/** "condition.conditions.1.value" → "Row 2 › value". */
function describeConditionPath(path: string, rowWord: string): string {
  const parts = path.split('.').slice(1);
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === 'conditions' && parts[i + 1] !== undefined) {
      out.push(`${rowWord} ${Number(parts[i + 1]) + 1}`);
      i++;
    } else out.push(parts[i]!);
  }
  return out.join(' › ');
}

/** How many contacts the condition matches right now, a moment after the last edit. */
function LivePreview({ condition }: { condition: Condition | null }) {
  const { t, formatNumber } = useI18n();
  const account = useCurrentAccount();
  const [preview, setPreview] = useState<SegmentPreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const key = condition ? JSON.stringify(condition) : null;
  useEffect(() => {
    if (!key) return;
    const controller = new AbortController();
    setPending(true);
    const timer = setTimeout(() => {
      previewSegment(account.id, JSON.parse(key) as Condition, controller.signal)
        .then((result) => { setPreview(result); setError(null); })
        .catch((reason: unknown) => { if (!controller.signal.aborted) setError(reason); })
        .finally(() => { if (!controller.signal.aborted) setPending(false); });
    }, PREVIEW_DELAY_MS);
    return () => { clearTimeout(timer); controller.abort(); };
  }, [key, account.id]);
  return (
    <div className="segment-preview">
      <p role="status" aria-live="polite" className="segment-preview-count">
        {!condition ? t('segments.previewIncomplete') : preview ? t('segments.previewCount', { count: formatNumber(preview.count), total: formatNumber(preview.total) }) : t('segments.previewLoading')}
        {pending && preview ? <span className="muted"> {t('segments.previewUpdating')}</span> : null}
      </p>
      <ErrorNotice error={error} />
      {condition && preview && preview.sample.length > 0 ? (
        <ul className="segment-preview-sample" aria-label={t('segments.previewSample')}>
          {preview.sample.map((contact) => (
            <li key={contact.contactId}><Link to={paths.contact(account.id, contact.contactId)}>{contact.name}</Link>{contact.email ? <span className="muted"> {contact.email}</span> : null}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function SegmentPage({ segmentId }: { segmentId: string }) {
  const { t, formatNumber } = useI18n();
  const account = useCurrentAccount();
  const isAdmin = useIsAdmin();
  const segment = useResource((signal) => getSegment(account.id, segmentId, signal), [account.id, segmentId], { accountId: account.id, events: SEGMENT_EVENTS });
  usePolling(segment.data?.build.status === 'building', segment.reload);
  const [deleteError, setDeleteError] = useState<unknown>(null);
  if (segment.error) return <><PageHeader title={t('segments.title')} before={<Link to={paths.experience(account.id, 'segments')} className="back-link">{t('segments.back')}</Link>} /><ErrorNotice error={segment.error} /></>;
  if (!segment.data) return <LoadingState />;
  const data = segment.data;
  async function remove() {
    try {
      await deleteSegment(account.id, data.id);
      navigate(paths.experience(account.id, 'segments'));
    } catch (reason) {
      setDeleteError(reason);
    }
  }
  return (
    <>
      <PageHeader
        title={data.name}
        description={data.description || undefined}
        before={<Link to={paths.experience(account.id, 'segments')} className="back-link">{t('segments.back')}</Link>}
        actions={
          <>
            <a href={segmentMembersCsvUrl(account.id, data.id)} className="button button-secondary" download>{t('segments.export')}</a>
            {isAdmin ? <Link to={paths.experience(account.id, 'segments', data.id, 'edit')} className="button button-secondary">{t('segments.edit')}</Link> : null}
            {isAdmin ? <ConfirmButton label={t('segments.delete')} confirmLabel={t('segments.confirmDelete')} onConfirm={remove} /> : null}
          </>
        }
      />
      <ErrorNotice error={deleteError} />
      <dl className="segment-facts">
        <div><dt>{t('segments.kind')}</dt><dd>{data.kind === 'dynamic' ? t('segments.dynamic') : t('segments.manual')}</dd></div>
        <div><dt>{t('segments.members')}</dt><dd className="segment-member-count">{formatNumber(data.memberCount)}</dd></div>
        {data.build.status === 'building' ? <div><dt>{t('segments.buildStatus')}</dt><dd><BuildProgress build={data.build} /></dd></div> : null}
      </dl>
      {data.kind === 'manual' ? <><p className="muted">{t('segments.manualHowTo')}</p><AddMember segmentId={data.id} onAdded={segment.reload} /></> : null}
      <MemberList segment={data} />
    </>
  );
}

function MemberList({ segment }: { segment: SegmentDetail }) {
  const { t, formatDateTime } = useI18n();
  const account = useCurrentAccount();
  const searchId = useId();
  const [draft, setDraft] = useState('');
  const [search, setSearch] = useState('');
  const [pages, setPages] = useState<(string | null)[]>([null]);
  const after = pages.at(-1) ?? null;
  const members = useResource((signal) => listSegmentMembers(account.id, segment.id, { search, after, limit: 50 }, signal), [account.id, segment.id, search, after, segment.memberCount]);
  const [removeError, setRemoveError] = useState<unknown>(null);
  useEffect(() => {
    const timer = setTimeout(() => {
      if (draft.trim() !== search) {
        setSearch(draft.trim());
        setPages([null]);
      }
    }, 250);
    return () => clearTimeout(timer);
  }, [draft, search]);
  const items: SegmentMember[] = members.data?.members ?? [];
  async function remove(contactId: string) {
    try {
      await removeSegmentMember(account.id, segment.id, contactId);
      members.reload();
    } catch (reason) {
      setRemoveError(reason);
    }
  }
  return (
    <section className="panel" aria-labelledby={`${searchId}-heading`}>
      <h2 id={`${searchId}-heading`} className="panel-title">{t('segments.memberList')}</h2>
      <div role="search" className="search-form">
        <label htmlFor={searchId} className="visually-hidden">{t('segments.searchLabel')}</label>
        <input id={searchId} className="input search-input" type="search" placeholder={t('segments.searchPlaceholder')} value={draft} onChange={(event) => setDraft(event.target.value)} autoComplete="off" />
      </div>
      <ErrorNotice error={members.error ?? removeError} />
      {members.loading && !members.data ? <LoadingState /> : null}
      {members.data && items.length === 0 ? <EmptyState title={search ? t('segments.noMatches', { query: search }) : t('segments.noMembers')} /> : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="table table-responsive segment-members">
            <caption className="visually-hidden">{t('segments.memberList')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('segments.contact')}</th>
                <th scope="col">{t('segments.emailOrPhone')}</th>
                <th scope="col">{t('segments.entered')}</th>
                {segment.kind === 'manual' ? <th scope="col"><span className="visually-hidden">{t('segments.actions')}</span></th> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((member) => (
                <tr key={member.contactId}>
                  <td data-label={t('segments.contact')}><Link to={paths.contact(account.id, member.contactId)}>{member.name}</Link></td>
                  <td data-label={t('segments.emailOrPhone')}>{member.email ?? member.phone ?? '—'}</td>
                  <td data-label={t('segments.entered')}>{formatDateTime(member.enteredAt)}</td>
                  {segment.kind === 'manual' ? (
                    <td className="actions-cell">
                      <button type="button" className="button button-ghost button-small" onClick={() => void remove(member.contactId)} aria-label={t('segments.removeMemberLabel', { name: member.name })}>{t('segments.removeMember')}</button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <nav className="segment-pager" aria-label={t('segments.pages')}>
        {pages.length > 1 ? <button type="button" className="button button-secondary button-small" onClick={() => setPages(pages.slice(0, -1))}>{t('segments.previous')}</button> : null}
        {members.data?.nextCursor ? <button type="button" className="button button-secondary button-small" onClick={() => setPages([...pages, members.data!.nextCursor])}>{t('segments.next')}</button> : null}
      </nav>
    </section>
  );
}

/** Finds contacts by name, email or phone and adds one to a manual list. */
function AddMember({ segmentId, onAdded }: { segmentId: string; onAdded(): void }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const [draft, setDraft] = useState('');
  const [query, setQuery] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [added, setAdded] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setQuery(draft.trim()), 250);
    return () => clearTimeout(timer);
  }, [draft]);
  const found = useResource((signal) => (query ? listContacts(account.id, { q: query, limit: 5 }, signal) : Promise.resolve(null)), [account.id, query]);
  async function add(contactId: string, name: string) {
    try {
      setError(null);
      await addSegmentMember(account.id, segmentId, contactId);
      setAdded(name);
      onAdded();
    } catch (reason) {
      setError(reason);
    }
  }
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="panel-title">{t('segments.addMember')}</h2>
      <div className="field">
        <label htmlFor={id}>{t('segments.findContact')}</label>
        <input id={id} className="input" type="search" autoComplete="off" value={draft} onChange={(event) => setDraft(event.target.value)} />
      </div>
      <ErrorNotice error={error ?? found.error} />
      <p role="status" className="muted">{added ? t('segments.memberAdded', { name: added }) : ''}</p>
      {found.data && found.data.items.length > 0 ? (
        <ul className="segment-add-results">
          {found.data.items.map((contact) => (
            <li key={contact.id}>
              <span>{contact.name}{contact.email ? <span className="muted"> {contact.email}</span> : null}</span>{' '}
              <button type="button" className="button button-secondary button-small" onClick={() => void add(contact.id, contact.name)} aria-label={t('segments.addMemberLabel', { name: contact.name })}>{t('segments.add')}</button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
