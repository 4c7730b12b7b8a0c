import { useEffect, useState } from 'preact/hooks';
import type { Api, WidgetSurvey } from './api.ts';

const COPY = {
  en: { score: '{n} out of {max}', comment: 'Comment (optional)', send: 'Send', saved: 'Thank you, your comment was saved.' },
  ja: { score: '{max}点中{n}点', comment: 'コメント（任意）', send: '送信', saved: 'ありがとうございます。コメントを受け付けました。' },
  zh: { score: '{n}分（满分{max}分）', comment: '意见（选填）', send: '提交', saved: '谢谢，您的意见已保存。' },
} as const;

/**
 * The visitor's open survey (CSAT, NPS or CES) as a card in the chat: one tap on a score answers it, then the survey's
 * thank-you and an optional comment. Loaded when the chat opens; nothing shows without an open survey.
 */
export function SurveyCard({ api, locale }: { api: Api; locale: string }) {
  const lang = locale === 'ja' || locale === 'zh' ? locale : 'en';
  const copy = COPY[lang];
  const [survey, setSurvey] = useState<WidgetSurvey | null>(null);
  const [comment, setComment] = useState('');
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!api.hasVisitor()) return;
    api.survey(lang).then((data) => setSurvey(data.survey)).catch(() => setSurvey(null));
  }, [api, lang]);
  if (!survey) return null;
  const current = survey;
  async function answer(body: { score?: number; comment?: string }) {
    setBusy(true);
    try {
      const result = await api.answerSurvey(current.requestId, body);
      setSurvey({ ...current, score: result.score, comment: result.comment });
      if (body.comment) setSaved(true);
    } finally {
      setBusy(false);
    }
  }
  if (saved) return <p class="tp-note" role="status">{copy.saved}</p>;
  const scores = Array.from({ length: current.scale.max - current.scale.min + 1 }, (_, index) => current.scale.min + index);
  return (
    <div class="tp-csat tp-survey">
      {current.score === null ? (
        <fieldset>
          <legend>{current.text.question}</legend>
          <div class={`tp-scores tp-scores-${current.kind}`}>
            {scores.map((n) => (
              <button key={n} type="button" disabled={busy} aria-label={copy.score.replace('{n}', String(n)).replace('{max}', String(current.scale.max))} onClick={() => void answer({ score: n })}>{n}</button>
            ))}
          </div>
          <p class="tp-ends" aria-hidden="true"><span>{current.scale.low}</span><span>{current.scale.high}</span></p>
        </fieldset>
      ) : (
        <form onSubmit={(event) => { event.preventDefault(); if (comment.trim()) void answer({ comment: comment.trim() }); }}>
          <p class="tp-survey-thanks" role="status">{current.text.thanks}</p>
          <label class="tp-field">
            {current.text.followUp} — {copy.comment}
            <textarea rows={2} maxLength={2000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
          </label>
          <button type="submit" class="tp-primary" disabled={busy || !comment.trim()}>{copy.send}</button>
        </form>
      )}
    </div>
  );
}
