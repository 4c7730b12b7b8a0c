import { useEffect, useState } from 'preact/hooks';
import { usePortal } from '../portal-context.ts';

interface OpenSurvey { requestId: string; token: string }
interface SurveyView {
  kind: 'csat' | 'nps' | 'ces';
  text: { question: string; followUp: string; thanks: string };
  scale: { min: number; max: number; low: string; high: string };
  score: number | null;
  comment: string;
}

const COPY = {
  en: { comment: 'Comment (optional)', send: 'Send', saved: 'Thank you, your comment was saved.', failed: 'That did not go through. Please try again.', scoreLabel: 'Score {score}' },
  ja: { comment: 'コメント（任意）', send: '送信', saved: 'ありがとうございます。コメントを受け付けました。', failed: '送信できませんでした。もう一度お試しください。', scoreLabel: '{score} 点' },
  zh: { comment: '意见（选填）', send: '提交', saved: '谢谢，您的意见已保存。', failed: '提交失败，请重试。', scoreLabel: '{score} 分' },
} as const;

async function callSurvey<T>(token: string, method: 'GET' | 'POST', locale: string, body?: unknown): Promise<T> {
  const response = await fetch(`/api/v1/survey-links/${encodeURIComponent(token)}${method === 'GET' ? `?locale=${locale}` : ''}`, {
    method,
    headers: { accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(String(response.status));
  return (await response.json()) as T;
}

/**
 * The customer's open surveys as cards on the portal home: one tap on a score answers, then a comment box and the
 * survey's thank-you. The question comes from the server in the portal's language.
 */
export function OpenSurveys() {
  const { api, locale } = usePortal();
  const [surveys, setSurveys] = useState<OpenSurvey[]>([]);
  useEffect(() => {
    let live = true;
    fetch(`${api.base}/surveys`, { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then((response) => (response.ok ? (response.json() as Promise<{ surveys: OpenSurvey[] }>) : { surveys: [] }))
      .then((data) => live && setSurveys(data.surveys.slice(0, 1)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api]);
  return <>{surveys.map((survey) => <SurveyCard key={survey.requestId} token={survey.token} locale={locale} />)}</>;
}

function SurveyCard({ token, locale }: { token: string; locale: 'en' | 'ja' | 'zh' }) {
  const copy = COPY[locale];
  const [view, setView] = useState<SurveyView | null>(null);
  const [comment, setComment] = useState('');
  const [state, setState] = useState<'idle' | 'busy' | 'saved' | 'failed'>('idle');
  useEffect(() => {
    callSurvey<SurveyView>(token, 'GET', locale).then(setView).catch(() => setView(null));
  }, [token, locale]);
  if (!view) return null;
  const scores = Array.from({ length: view.scale.max - view.scale.min + 1 }, (_, index) => view.scale.min + index);
  async function answer(body: { score?: number; comment?: string }) {
    setState('busy');
    try {
      const result = await callSurvey<{ score: number; comment: string }>(token, 'POST', locale, body);
      setView((current) => (current ? { ...current, score: result.score, comment: result.comment } : current));
      setState(body.comment ? 'saved' : 'idle');
    } catch {
      setState('failed');
    }
  }
  const headingId = `survey-${token.slice(0, 8)}`;
  return (
    <section class="card survey-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{view.score === null ? view.text.question : view.text.thanks}</h2>
      {view.score === null ? (
        <>
          <div class="survey-scores" role="group" aria-labelledby={headingId}>
            {scores.map((score) => (
              <button key={score} type="button" class="button secondary survey-score" aria-label={copy.scoreLabel.replace('{score}', String(score))} disabled={state === 'busy'} onClick={() => void answer({ score })}>
                {score}
              </button>
            ))}
          </div>
          <p class="survey-ends muted" aria-hidden="true"><span>{view.scale.low}</span><span>{view.scale.high}</span></p>
        </>
      ) : state === 'saved' ? (
        <p role="status">{copy.saved}</p>
      ) : (
        <form onSubmit={(event) => { event.preventDefault(); void answer({ comment }); }}>
          <label for={`${headingId}-comment`}>{view.text.followUp} — {copy.comment}</label>
          <textarea id={`${headingId}-comment`} class="input" maxLength={2000} value={comment} onInput={(event) => setComment(event.currentTarget.value)} />
          <button type="submit" class="button primary" disabled={state === 'busy' || !comment.trim()}>{copy.send}</button>
        </form>
      )}
      {state === 'failed' ? <p role="alert">{copy.failed}</p> : null}
    </section>
  );
}
