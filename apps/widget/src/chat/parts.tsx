import { useEffect, useRef, useState } from 'preact/hooks';
import type { Api, ChatMessage, FileInfo } from './api.ts';
import type { Translate } from './i18n.ts';

export const CLOSE_ICON = (
  <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
    <path fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" d="M6 6l12 12M18 6L6 18" />
  </svg>
);

const EMOJI = ['😀', '😂', '😊', '😍', '🤔', '😅', '😢', '😮', '👍', '👎', '👏', '🙏', '🙌', '👋', '💪', '❤️', '🎉', '🔥', '✨', '✅', '❌', '⭐', '📦', '🚚', '💳', '🎁', '☕', '🌸', '😴', '🤝', '👀', '💯'];

const IMAGE_TYPES = /^image\/(png|jpeg|gif|webp)$/;

export function formatSize(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}

/** A file of a message: images shown (fetched with the visitor's credential), anything else downloaded on click. */
function FileView({ api, file, t, locale }: { api: Api; file: FileInfo; t: Translate; locale: string }) {
  const image = IMAGE_TYPES.test(file.contentType);
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!image) return;
    let objectUrl: string | null = null;
    let live = true;
    api.fileBlob(file.id).then((blob) => {
      objectUrl = URL.createObjectURL(blob);
      if (live) setUrl(objectUrl);
    }).catch(() => {});
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [api, file.id, image]);
  if (image && url) return <img class="tp-img" src={url} alt={file.fileName} />;
  const download = async (event: MouseEvent) => {
    const blob = await api.fileBlob(file.id);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = file.fileName;
    (event.currentTarget as HTMLElement).after(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  };
  return (
    <button type="button" class="tp-file" onClick={download}>
      {t('download', { name: file.fileName })} ({formatSize(file.byteSize, locale)})
    </button>
  );
}

export interface ShownMessage extends Pick<ChatMessage, 'direction' | 'body' | 'author' | 'attachments'> {
  key: string;
  createdAt: string | null;
  state?: 'sending' | 'failed';
}

export function MessageItem(props: { api: Api; message: ShownMessage; t: Translate; locale: string; inboxName: string; seen: boolean; onRetry?(): void }) {
  const { api, message, t, locale } = props;
  const mine = message.direction === 'inbound';
  const time = message.createdAt ? new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(new Date(message.createdAt)) : '';
  return (
    <div class={`tp-msg${mine ? ' tp-mine' : ''}`}>
      {mine ? <span class="tp-sr">{t('you')}:</span> : <span class="tp-author">{message.author ?? props.inboxName}</span>}
      {message.body ? <div class="tp-bubble">{message.body}</div> : null}
      {message.attachments.length > 0 ? (
        <div class="tp-files">
          {message.attachments.map((file) => <FileView key={file.id} api={api} file={file} t={t} locale={locale} />)}
        </div>
      ) : null}
      <div class="tp-meta">
        {message.state === 'sending' ? t('sending') : null}
        {message.state === 'failed' ? (
          <span role="alert">
            {t('failed')}
            <button type="button" class="tp-link" onClick={props.onRetry}>{t('retry')}</button>
          </span>
        ) : null}
        {!message.state ? time : null}
        {!message.state && props.seen ? ` · ${t('seen')}` : null}
      </div>
    </div>
  );
}

/** The pre-chat form; with nobody online it is the offline form, and the email is then required. */
export function PrechatForm(props: { t: Translate; offline: boolean; onSubmit(profile: { name: string; email: string }): Promise<void> }) {
  const { t, offline } = props;
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const trimmed = email.trim();
    if (offline && !trimmed) return setError(t('emailRequired'));
    if (trimmed && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed)) return setError(t('emailInvalid'));
    setError(null);
    setBusy(true);
    try {
      await props.onSubmit({ name: name.trim(), email: trimmed });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="tp-form" onSubmit={submit} aria-labelledby="tp-prechat-title" noValidate>
      <h3 id="tp-prechat-title">{t('prechatTitle')}</h3>
      {offline ? <p>{t('prechatOffline')}</p> : null}
      <label class="tp-field">
        {t('name')}
        <input name="name" autocomplete="name" maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label class="tp-field">
        {offline ? t('email') : t('emailOptional')}
        <input
          name="email"
          type="email"
          autocomplete="email"
          maxLength={254}
          required={offline}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'tp-prechat-error' : undefined}
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
      </label>
      {error ? <p id="tp-prechat-error" class="tp-error" role="alert">{error}</p> : null}
      <button type="submit" class="tp-primary" disabled={busy}>{t('start')}</button>
    </form>
  );
}

/** The customer's side of CSAT: one to five stars and a comment, for a resolved conversation. */
export function CsatCard(props: { t: Translate; onRate(rating: number, comment: string): Promise<void> }) {
  const { t } = props;
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [done, setDone] = useState(false);
  if (done) return <p class="tp-note" role="status">{t('csatThanks')}</p>;
  const submit = async (event: Event) => {
    event.preventDefault();
    if (rating === 0) return;
    await props.onRate(rating, comment.trim());
    setDone(true);
  };
  return (
    <form onSubmit={submit}>
      <fieldset class="tp-csat">
        <legend>{t('csatQuestion')}</legend>
        <div class="tp-stars">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} class={n <= rating ? 'tp-lit' : ''}>
              <input class="tp-sr" type="radio" name="rating" value={n} checked={rating === n} onChange={() => setRating(n)} />
              <span aria-hidden="true">★</span>
              <span class="tp-sr">{t('csatStars', { n })}</span>
            </label>
          ))}
        </div>
        <label class="tp-field">
          {t('csatComment')}
          <textarea rows={2} maxLength={2000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
        </label>
        <button type="submit" class="tp-primary" disabled={rating === 0}>{t('csatSubmit')}</button>
      </fieldset>
    </form>
  );
}

export interface ComposerProps {
  api: Api;
  t: Translate;
  locale: string;
  maxUploadBytes: number;
  textRef: { current: HTMLTextAreaElement | null };
  onSend(body: string, files: FileInfo[]): void;
  onTyping(): void;
}

/** The message box: text, emoji, files (uploaded as soon as they are picked), Enter to send, Shift+Enter for a new line. */
export function Composer(props: ComposerProps) {
  const { api, t, locale } = props;
  const [text, setText] = useState('');
  const [files, setFiles] = useState<FileInfo[]>([]);
  const [uploading, setUploading] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [emojiOpen, setEmojiOpen] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const submit = (event?: Event) => {
    event?.preventDefault();
    if (uploading > 0 || (!text.trim() && files.length === 0)) return;
    props.onSend(text, files);
    setText('');
    setFiles([]);
    setProblem(null);
  };

  const pick = async (list: FileList | null) => {
    setProblem(null);
    for (const file of Array.from(list ?? [])) {
      if (file.size > props.maxUploadBytes) {
        setProblem(t('tooLarge', { name: file.name, size: formatSize(props.maxUploadBytes, locale) }));
        continue;
      }
      setUploading((n) => n + 1);
      try {
        await api.ensureVisitor();
        const stored = await api.upload(file);
        setFiles((current) => [...current, stored]);
      } catch {
        setProblem(t('uploadFailed', { name: file.name }));
      } finally {
        setUploading((n) => n - 1);
      }
    }
    if (fileInput.current) fileInput.current.value = '';
  };

  const insertEmoji = (emoji: string) => {
    const area = props.textRef.current;
    const start = area?.selectionStart ?? text.length;
    const end = area?.selectionEnd ?? text.length;
    setText(text.slice(0, start) + emoji + text.slice(end));
    setEmojiOpen(false);
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(start + emoji.length, start + emoji.length);
    });
  };

  return (
    <form class="tp-composer" onSubmit={submit}>
      {files.length > 0 ? (
        <ul class="tp-chips" style="list-style:none;padding:0">
          {files.map((file) => (
            <li key={file.id} class="tp-chip">
              {file.fileName}
              <button type="button" aria-label={t('remove', { name: file.fileName })} onClick={() => setFiles(files.filter((f) => f.id !== file.id))}>×</button>
            </li>
          ))}
        </ul>
      ) : null}
      <div class="tp-row">
        <textarea
          ref={props.textRef}
          rows={1}
          aria-label={t('messageLabel')}
          placeholder={t('placeholder')}
          maxLength={10_000}
          value={text}
          onInput={(e) => {
            setText(e.currentTarget.value);
            props.onTyping();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) submit(e);
          }}
        />
        <button type="button" class="tp-icon" aria-label={t('emoji')} aria-expanded={emojiOpen} aria-controls={emojiOpen ? 'tp-emoji' : undefined} onClick={() => setEmojiOpen(!emojiOpen)}>
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false"><circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2" /><path d="M8 14a4.5 4.5 0 0 0 8 0" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" /><circle cx="9" cy="9.5" r="1.3" fill="currentColor" /><circle cx="15" cy="9.5" r="1.3" fill="currentColor" /></svg>
        </button>
        <button type="button" class="tp-icon" aria-label={t('attach')} onClick={() => fileInput.current?.click()}>
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false"><path d="M20 11.5l-7.8 7.8a5 5 0 0 1-7.1-7.1l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" /></svg>
        </button>
        <input ref={fileInput} type="file" multiple hidden onChange={(e) => void pick(e.currentTarget.files)} />
        <button type="submit" class="tp-icon tp-send" aria-label={t('send')} disabled={uploading > 0}>
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"><path d="M3 20l18-8L3 4v6l12 2-12 2z" fill="currentColor" /></svg>
        </button>
      </div>
      {emojiOpen ? (
        <div id="tp-emoji" class="tp-emoji" role="group" aria-label={t('emojiList')} onKeyDown={(e) => e.key === 'Escape' && setEmojiOpen(false)}>
          {EMOJI.map((emoji) => <button key={emoji} type="button" onClick={() => insertEmoji(emoji)}>{emoji}</button>)}
        </div>
      ) : null}
      {problem ? <p class="tp-error" role="alert">{problem}</p> : null}
    </form>
  );
}
