import { useState } from 'react';
import { createLivePoll, getLiveFeed, listLivePolls, type LivePoll, setLivePollOpen } from '../../../api/live-feed-endpoints.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useFormAction } from '../../../hooks/use-form-action.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { Link } from '../../../router/link.tsx';
import { paths } from '../../../routes/paths.ts';

/** `/a/:accountId/engagement/live/:feedId/polls`: prepare polls, open and close them, watch the results come in. */
export function LivePolls({ feedId }: { feedId: string }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const feed = useResource((signal) => getLiveFeed(account.id, feedId, signal), [account.id, feedId]);
  const polls = useResource((signal) => listLivePolls(account.id, feedId, signal), [account.id, feedId], { accountId: account.id, events: ['live_poll.changed'] });
  const [question, setQuestion] = useState('');
  const [options, setOptions] = useState(['', '']);
  const [actionError, setActionError] = useState<unknown>(null);
  const form = useFormAction(async () => {
    await createLivePoll(account.id, feedId, { question, options: options.filter((option) => option.trim()) });
    setQuestion('');
    setOptions(['', '']);
    polls.reload();
  });
  async function toggle(poll: LivePoll) {
    setActionError(null);
    try {
      await setLivePollOpen(account.id, feedId, poll.id, poll.status !== 'open');
      polls.reload();
    } catch (error) {
      setActionError(error);
    }
  }
  const back = <Link to={paths.engagement(account.id, 'live', feedId)}>← {feed.data?.name ?? t('live.back')}</Link>;
  return (
    <>
      <PageHeader title={t('live.polls')} before={back} description={t('live.pollsDescription')} />
      <form className="panel form live-poll-form" onSubmit={(event) => void form.handleSubmit(event)} noValidate aria-labelledby="live-poll-new">
        <h2 id="live-poll-new" className="panel-title">{t('live.newPoll')}</h2>
        {form.error ? <ErrorNotice error={form.error} /> : null}
        <TextField id="live-poll-question" label={t('live.question')} value={question} maxLength={200} onChange={(event) => setQuestion(event.target.value)} error={null} required />
        {options.map((option, index) => (
          <TextField key={index} id={`live-poll-option-${index}`} label={t('live.option', { n: index + 1 })} value={option} maxLength={60} error={null}
            onChange={(event) => setOptions(options.map((value, i) => (i === index ? event.target.value : value)))} />
        ))}
        <div className="form-actions">
          {options.length < 6 ? <button type="button" className="button button-secondary" onClick={() => setOptions([...options, ''])}>{t('live.addOption')}</button> : null}
          <button type="submit" className="button button-primary" disabled={form.busy}>{t('live.createPoll')}</button>
        </div>
      </form>
      {actionError ? <ErrorNotice error={actionError} /> : null}
      {polls.error ? <ErrorNotice error={polls.error} /> : null}
      {polls.loading && !polls.data ? <LoadingState /> : null}
      {polls.data?.polls.map((poll) => <PollResults key={poll.id} poll={poll} onToggle={() => void toggle(poll)} />)}
    </>
  );
}

/** One poll's results as bars (live while it is open), with its open/close control. */
function PollResults({ poll, onToggle }: { poll: LivePoll; onToggle: () => void }) {
  const { t, formatNumber } = useI18n();
  const id = `live-poll-${poll.id}`;
  const max = Math.max(1, ...poll.options.map((option) => option.votes));
  return (
    <section className="panel live-poll" aria-labelledby={id}>
      <div className="live-poll-head">
        <h2 id={id} className="panel-title">{poll.question}</h2>
        <span className={`badge live-poll-${poll.status}`}>{t(`live.pollStatus.${poll.status}`)}</span>
        {poll.status !== 'closed' ? <button type="button" className={`button button-small ${poll.status === 'open' ? 'button-secondary' : 'button-primary'}`} onClick={onToggle}>{poll.status === 'open' ? t('live.closePoll') : t('live.openPoll')}</button> : null}
      </div>
      <div className="live-poll-chart" role="list" aria-label={t('live.results')}>
        {poll.options.map((option) => {
          const share = poll.total ? Math.round((option.votes * 100) / poll.total) : 0;
          return (
            <div key={option.id} className="live-poll-row" role="listitem">
              <span className="live-poll-label">{option.label}</span>
              <span className="live-poll-track" aria-hidden="true"><span className="live-poll-fill" style={{ width: `${(option.votes / max) * 100}%` }} /></span>
              <span className="live-poll-value">{t('live.votesShare', { votes: formatNumber(option.votes), share })}</span>
            </div>
          );
        })}
      </div>
      <p className="muted small">{t('live.totalVotes', { n: formatNumber(poll.total) })}</p>
    </section>
  );
}
