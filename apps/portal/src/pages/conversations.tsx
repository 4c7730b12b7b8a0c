import { useEffect, useState } from 'preact/hooks';
import { ApiError, type Conversation, newClientId, type UploadedPhoto } from '../api.ts';
import { formatBytes, formatDate, formatDateTime } from '../format.ts';
import { channelName, ConversationStatus, ErrorNote, LoadedList, LoadFailedPage, Link, Loading, Page, useLoad } from '../parts.tsx';
import { usePortal } from '../portal-context.ts';

export function ConversationsPage() {
  const { api, t, locale, me } = usePortal();
  const loaded = useLoad(() => api.conversations(), [api]);
  return (
    <Page title={t('conversationsTitle')}>
      <Link to="/conversations/new" class="button primary wide">
        {t('startConversation')}
      </Link>
      <LoadedList
        loaded={loaded}
        items={(data) => data.conversations}
        empty={t('noConversations')}
        renderItem={(c) => (
          <li key={c.id}>
            <Link to={`/conversations/${c.id}`} class="list-item">
              <span class="list-title">{c.subject || t('conversationNumber', { number: c.number })}</span>
              <span class="list-preview">{c.preview}</span>
              <span class="list-meta">
                <ConversationStatus status={c.status} /> {channelName(t, c.channel)} · {formatDate(c.lastMessageAt, locale, me.timeZone)}
              </span>
            </Link>
          </li>
        )}
      />
    </Page>
  );
}

/** While a thread is open on a visible page it is fetched again every 15 seconds, so answers show up. */
const REFRESH_MS = 15_000;

export function ThreadPage({ id }: { id: string }) {
  const { api, t } = usePortal();
  const loaded = useLoad(() => api.conversation(id), [api, id]);
  const { reload } = loaded;
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') return <LoadFailedPage title={t('conversationsTitle')} back="/conversations" onRetry={loaded.reload} />;
  return <Thread conversation={loaded.data} reload={loaded.reload} />;
}

function Thread({ conversation, reload }: { conversation: Conversation; reload: () => void }) {
  const { api, t, locale, me, info } = usePortal();
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<UploadedPhoto[]>([]);
  const [uploading, setUploading] = useState<string | null>(null);
  const [clientId, setClientId] = useState(newClientId);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const resolved = conversation.status === 'resolved' || conversation.status === 'closed';

  async function attach(list: FileList | null) {
    setError(null);
    for (const file of Array.from(list ?? [])) {
      if (file.size > info.maxUploadBytes) {
        setError(t('fileTooLarge', { name: file.name, size: formatBytes(info.maxUploadBytes) }));
        continue;
      }
      setUploading(file.name);
      try {
        const uploaded = await api.uploadFile(file);
        setFiles((current) => [...current, uploaded]);
      } catch (failure) {
        setError(t('photoFailed', { name: file.name, reason: failure instanceof ApiError ? failure.problem.detail ?? failure.problem.code : t('loadFailed') }));
      }
    }
    setUploading(null);
  }

  async function send(event: Event) {
    event.preventDefault();
    if (!body.trim() && files.length === 0) return setError(t('messageRequired'));
    setSending(true);
    setError(null);
    try {
      await api.reply(conversation.id, body, clientId, files.map((file) => file.id));
      setBody('');
      setFiles([]);
      setClientId(newClientId());
      reload();
    } catch {
      setError(t('sendFailed'));
    } finally {
      setSending(false);
    }
  }

  return (
    <Page title={conversation.subject || t('conversationNumber', { number: conversation.number })} back="/conversations">
      <p class="list-meta">
        <ConversationStatus status={conversation.status} /> {channelName(t, conversation.channel)} · {t('conversationNumber', { number: conversation.number })}
      </p>
      <ol class="thread">
        {conversation.messages.map((message) => (
          <li key={message.id} class={message.direction === 'inbound' ? 'bubble mine' : 'bubble theirs'}>
            <span class="bubble-author">{message.direction === 'inbound' ? t('you') : message.author ?? t('support')}</span>
            <span class="bubble-body">{message.body}</span>
            {message.attachments.map((file) => (
              <a key={file.id} class="bubble-file" href={api.attachmentUrl(file.id)} target="_blank" rel="noopener">
                {t('attachment', { name: file.fileName })}
              </a>
            ))}
            <time class="bubble-time" dateTime={message.createdAt}>
              {formatDateTime(message.createdAt, locale, me.timeZone)}
            </time>
          </li>
        ))}
      </ol>

      {conversation.canRate ? <Rating conversation={conversation} reload={reload} /> : null}

      <form class="reply-form" onSubmit={send} noValidate>
        {resolved ? <p class="muted">{t('reopenNote')}</p> : null}
        <label for="reply">{t('yourReply')}</label>
        <textarea id="reply" rows={4} value={body} aria-describedby={error ? 'reply-error' : undefined} onInput={(event) => setBody((event.target as HTMLTextAreaElement).value)} />
        <label for="reply-files" class="button secondary file-button">
          {t('attachFiles')}
        </label>
        <input
          id="reply-files"
          class="visually-hidden"
          type="file"
          multiple
          onChange={(event) => {
            const input = event.target as HTMLInputElement;
            void attach(input.files).then(() => {
              input.value = '';
            });
          }}
        />
        {uploading ? (
          <p role="status" class="muted">
            {t('photoUploading', { name: uploading })}
          </p>
        ) : null}
        {files.length > 0 ? (
          <ul class="photos">
            {files.map((file) => (
              <li key={file.id}>
                <span>{file.fileName}</span>
                <button type="button" class="button link" onClick={() => setFiles(files.filter((f) => f.id !== file.id))}>
                  {t('fileRemove', { name: file.fileName })}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        {error ? (
          <p id="reply-error" class="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" class="button primary wide" disabled={sending || uploading !== null}>
          {sending ? t('sending') : t('send')}
        </button>
      </form>
    </Page>
  );
}

function Rating({ conversation, reload }: { conversation: Conversation; reload: () => void }) {
  const { api, t } = usePortal();
  const [rating, setRating] = useState<number | null>(conversation.rating);
  const [comment, setComment] = useState(conversation.ratingComment);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(false);
  if (conversation.rating !== null && rating === conversation.rating && !busy) {
    return (
      <p class="card success" role="status">
        {t('rated', { n: conversation.rating })}
      </p>
    );
  }
  async function submit(event: Event) {
    event.preventDefault();
    if (!rating) return;
    setBusy(true);
    try {
      await api.rate(conversation.id, rating, comment);
      reload();
    } catch {
      setError(true);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="card" onSubmit={submit}>
      <fieldset>
        <legend>{t('rateTitle')}</legend>
        <div class="stars">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} class={rating !== null && n <= rating ? 'star on' : 'star'}>
              <input type="radio" name="rating" value={n} checked={rating === n} onChange={() => setRating(n)} />
              <span aria-hidden="true">★</span>
              <span class="visually-hidden">{t('rateStars', { n })}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <label for="rating-comment">{t('rateComment')}</label>
      <textarea id="rating-comment" rows={2} value={comment} onInput={(event) => setComment((event.target as HTMLTextAreaElement).value)} />
      {error ? <ErrorNote message={t('sendFailed')} /> : null}
      <button type="submit" class="button secondary wide" disabled={!rating || busy}>
        {t('rateSubmit')}
      </button>
    </form>
  );
}

export function NewConversationPage() {
  const { api, t, navigate } = usePortal();
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [clientId] = useState(newClientId);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: Event) {
    event.preventDefault();
    if (!body.trim()) return setError(t('messageRequired'));
    setBusy(true);
    setError(null);
    try {
      const created = await api.startConversation(body, subject.trim(), clientId);
      navigate(`/conversations/${created.id}`);
    } catch {
      setError(t('sendFailed'));
      setBusy(false);
    }
  }
  return (
    <Page title={t('newConversationTitle')} back="/conversations">
      <form onSubmit={submit} noValidate>
        <label for="subject">{t('subjectOptional')}</label>
        <input id="subject" type="text" maxLength={200} value={subject} onInput={(event) => setSubject((event.target as HTMLInputElement).value)} />
        <label for="body">{t('message')}</label>
        <textarea id="body" rows={6} value={body} aria-describedby={error ? 'body-error' : undefined} onInput={(event) => setBody((event.target as HTMLTextAreaElement).value)} />
        {error ? (
          <p id="body-error" class="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" class="button primary wide" disabled={busy}>
          {t('send')}
        </button>
      </form>
    </Page>
  );
}
