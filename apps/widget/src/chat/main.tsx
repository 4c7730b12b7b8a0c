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

function mount(context: MountContext): ChatController {
  const style = document.createElement('style');
  style.textContent = CHAT_CSS + HELP_CSS;
  context.root.insertBefore(style, context.root.firstChild);
  const api = createApi(context.options);
  const t = createTranslate(context.locale);
  const show = (open: boolean) => render(<ChatApp ctx={context} api={api} t={t} open={open} />, context.container);
  show(false);
  return { setOpen: show };
}

(window as unknown as { TouchpointWidget?: WidgetGlobal }).TouchpointWidget?._mount?.(mount);
