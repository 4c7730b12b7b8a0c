/**
 * The chat itself (budget with the loader ≤ 60 KB gzip), fetched by the loader when needed. It renders into the
 * loader's shadow root and hands back how to open and close it.
 */
import { render } from 'preact';
import type { ChatController, MountContext, WidgetGlobal } from '../contract.ts';
import { createApi } from './api.ts';
import { ChatApp } from './app.tsx';
import { createTranslate } from './i18n.ts';
import { HELP_CSS } from './help.tsx';
import { CHAT_CSS } from './styles.ts';
import { createPromptLayer, PROMPT_CSS } from './prompts.tsx';

function mount(context: MountContext): ChatController {
  const style = document.createElement('style');
  style.textContent = CHAT_CSS + HELP_CSS + PROMPT_CSS;
  context.root.insertBefore(style, context.root.firstChild);
  const api = createApi(context.options);
  const t = createTranslate(context.locale);
  // Prompts render beside the chat (not in it), so they show while the chat is closed; while it is open they wait.
  const layer = document.createElement('div');
  context.container.parentElement?.appendChild(layer);
  const prompts = createPromptLayer(layer, api, context.locale);
  const show = (open: boolean) => {
    prompts.setChatOpen(open);
    render(<ChatApp ctx={context} api={api} t={t} open={open} onPrompt={prompts.receive} />, context.container);
  };
  show(false);
  return { setOpen: show };
}

(window as unknown as { TouchpointWidget?: WidgetGlobal }).TouchpointWidget?._mount?.(mount);
