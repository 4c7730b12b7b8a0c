import type { PromptContent, PromptFields, PromptLocale } from '../../../api/prompt-endpoints.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';

/**
 * A phone-sized host page with the prompt drawn the way the widget draws it (banner at its edge, modal over the page,
 * tooltip beside a stand-in for the anchored element), in the chosen language.
 */
export function PromptPreview({ prompt, locale }: { prompt: Pick<PromptFields, 'kind' | 'placement' | 'content' | 'action' | 'anchorSelector'>; locale: PromptLocale }) {
  const { t } = useI18n();
  const content: PromptContent = prompt.content[locale] ?? prompt.content.en ?? { title: t('prompts.untitled'), body: '' };
  const cta = prompt.action.kind !== 'dismiss' && content.ctaLabel ? <span className="prompt-preview-cta">{content.ctaLabel}</span> : null;
  const card = (
    <>
      {content.imageUrl ? <img className="prompt-preview-image" src={content.imageUrl} alt="" /> : null}
      <strong className="prompt-preview-title">{content.title || t('prompts.untitled')}</strong>
      {content.body ? <p className="prompt-preview-body">{content.body}</p> : null}
      <div className="prompt-preview-actions">
        {cta}
        <span className="prompt-preview-close" aria-hidden="true">×</span>
      </div>
    </>
  );
  return (
    <figure className="prompt-preview" aria-label={t('prompts.preview')}>
      <div className={`prompt-preview-phone prompt-preview-${prompt.kind}`} lang={locale}>
        {prompt.kind === 'banner' && prompt.placement === 'top' ? <div className="prompt-preview-banner">{card}</div> : null}
        <div className="prompt-preview-page" aria-hidden="true">
          <div className="prompt-preview-site">{t('prompts.previewHost')}</div>
          <div className="prompt-preview-line" />
          <div className="prompt-preview-line short" />
          {prompt.kind === 'tooltip' ? (
            <div className="prompt-preview-anchor-wrap">
              <span className="prompt-preview-anchor">{prompt.anchorSelector || '#element'}</span>
              <div className="prompt-preview-tooltip">{card}</div>
            </div>
          ) : null}
          <div className="prompt-preview-line" />
          <div className="prompt-preview-line short" />
        </div>
        {prompt.kind === 'banner' && prompt.placement === 'bottom' ? <div className="prompt-preview-banner">{card}</div> : null}
        {prompt.kind === 'modal' ? (
          <div className="prompt-preview-backdrop">
            <div className="prompt-preview-modal">{card}</div>
          </div>
        ) : null}
      </div>
    </figure>
  );
}
