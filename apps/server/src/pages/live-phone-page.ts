import { MAX_PHOTO_BYTES } from '@touchpoint/live-feed';
import { escapeHtml, jsonForScript, LIVE_COPY, type LivePageView } from './live-page-copy.ts';
import { LIVE_PAGE_SCRIPT } from './live-page-script.ts';

const QUICK_EMOJI = ['👏', '🎉', '😂', '😍', '🔥', '😮'];

const STYLE = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Hiragino Sans","Noto Sans CJK JP","PingFang SC",sans-serif;background:#f4f5f8;color:#1f2933}
header{background:#1f2933;color:#fff;padding:12px 16px;display:flex;align-items:center;gap:8px}header h1{font-size:1.0625rem;margin:0;flex:1}.brand{font-size:.8125rem;opacity:.85;margin:0}
.badge{background:#c81e1e;color:#fff;border-radius:4px;padding:2px 8px;font-size:.75rem;font-weight:700;text-transform:uppercase}body:not([data-status=live]) .badge{background:#52606d}
body.offline header::after{content:attr(data-offline);font-size:.75rem}
main{max-width:640px;margin:0 auto;padding:12px 12px 32px}.card{background:#fff;border-radius:12px;padding:16px;margin:0 0 12px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h2{font-size:1rem;margin:0 0 8px}label{display:block;font-weight:600;margin:8px 0 4px}.hint{font-size:.8125rem;color:#52606d;margin:2px 0 0}
input[type=text],input[type=email],textarea{width:100%;font:inherit;padding:10px;border:1px solid #7b8794;border-radius:8px;background:#fff}textarea{min-height:80px;resize:vertical}
button{font:inherit;font-weight:600;border:0;border-radius:8px;min-height:44px;padding:0 16px;background:#1f4fd1;color:#fff;cursor:pointer}button:disabled{opacity:.6}
button:focus-visible,input:focus-visible,textarea:focus-visible{outline:3px solid #f5b400;outline-offset:2px}
.row{display:flex;gap:8px;flex-wrap:wrap;align-items:center;margin-top:8px}.emojis{display:flex;gap:6px;flex-wrap:wrap}
.emoji-pick{background:#eef1f6;color:#1f2933;font-size:1.375rem;min-width:48px;padding:0}.emoji-pick[aria-pressed=true]{background:#1f4fd1;box-shadow:0 0 0 2px #1f4fd1}
.secondary{background:#eef1f6;color:#1f2933}.file{font-size:.875rem}
.msg{border-radius:8px;padding:10px;margin:8px 0 0}.msg.ok{background:#e8f5ec;color:#1d5e34}.msg.error{background:#fde8e8;color:#8a1c1c}
#status-note{background:#fff7e0;color:#6b4f00;border-radius:8px;padding:10px;margin:0 0 12px}
ul#posts{list-style:none;margin:0;padding:0}.post{border-bottom:1px solid #e4e7eb;padding:10px 0;display:grid;gap:2px}.post:last-child{border:0}
.who{font-weight:700;font-size:.875rem;color:#3e4c59}.src{margin-left:6px;font-size:.6875rem;background:#e4e7eb;border-radius:4px;padding:1px 5px}.body{overflow-wrap:anywhere}.emoji{font-size:1.5rem;margin-left:4px}
.photo{max-width:100%;max-height:280px;border-radius:8px;margin-top:4px}#pinned{border:2px solid #f5b400}.pin-label{font-size:.75rem;font-weight:700;color:#6b4f00;text-transform:uppercase}
.vote{display:block;width:100%;margin:6px 0;background:#eef1f6;color:#1f2933;text-align:left}
.bar{position:relative;background:#eef1f6;border-radius:8px;margin:6px 0;min-height:40px;display:flex;align-items:center;justify-content:space-between;padding:0 12px;overflow:hidden}
.bar .fill{position:absolute;inset:0 auto 0 0;background:#c7d6fb}.bar.mine .fill{background:#9bb5f7}.bar .label,.bar .pct{position:relative;font-weight:600}.total{font-size:.875rem;color:#52606d;margin:4px 0 0}`;

/**
 * The viewer's phone page: sign in with a name, post text/emoji/photo, see approved posts live, vote. The sign-in
 * form is in the page from the start (most arrivals are new viewers), so nothing shifts when the script runs.
 */
export function renderLivePhonePage(view: LivePageView) {
  const t = LIVE_COPY[view.locale];
  const config = { mode: 'phone', apiBase: view.apiBase, photoBase: view.photoBase, copy: t, maxPhotoBytes: MAX_PHOTO_BYTES };
  const emoji = QUICK_EMOJI.map((e) => `<button type="button" class="emoji-pick" aria-pressed="false">${e}</button>`).join('');
  return `<!doctype html><html lang="${view.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(view.feedName)}</title><style>${STYLE}</style></head><body data-status="scheduled">
<header data-offline="${escapeHtml(t.offline!)}"><div style="flex:1"><p class="brand">${escapeHtml(view.accountName)}</p><h1>${escapeHtml(view.feedName)}</h1></div><span class="badge">${escapeHtml(t.live!)}</span></header>
<main>
<p id="status-note" role="status" hidden></p>
<form id="signin" class="card"><h2>${escapeHtml(t.join!)}</h2>
<label for="name">${escapeHtml(t.name!)}</label><input id="name" type="text" required maxlength="40" autocomplete="nickname">
<label for="email">${escapeHtml(t.email!)}</label><input id="email" type="email" maxlength="254" autocomplete="email" aria-describedby="email-hint"><p class="hint" id="email-hint">${escapeHtml(t.emailHint!)}</p>
<div class="row"><button type="submit">${escapeHtml(t.signIn!)}</button></div><p id="signin-msg" role="alert" hidden></p></form>
<form id="compose" class="card" hidden><p class="hint" id="as"></p>
<label for="text">${escapeHtml(t.post!)}</label><textarea id="text" maxlength="280"></textarea>
<div role="group" aria-label="${escapeHtml(t.emoji!)}" class="emojis" style="margin-top:8px">${emoji}</div>
<div class="row"><label for="photo" class="file" style="margin:0">${escapeHtml(t.photo!)}</label><input id="photo" type="file" accept="image/jpeg,image/png,image/gif,image/webp" class="file"><button type="button" id="photo-clear" class="secondary" hidden>${escapeHtml(t.removePhoto!)}</button></div>
<div class="row"><button type="submit" id="send">${escapeHtml(t.send!)}</button></div><p id="post-msg" role="status" hidden></p></form>
<section id="poll" class="card" aria-labelledby="poll-q" hidden></section>
<section class="card" id="pinned" aria-label="${escapeHtml(t.pinned!)}" hidden></section>
<section class="card" aria-labelledby="feed-h"><h2 id="feed-h">${escapeHtml(t.feed!)}</h2><p id="empty" class="hint">${escapeHtml(t.empty!)}</p><ul id="posts" aria-live="polite"></ul></section>
</main>
<script type="application/json" id="live-config">${jsonForScript(config)}</script><script>${LIVE_PAGE_SCRIPT}</script></body></html>`;
}

/** An unknown handle or feed. */
export function renderLiveMissingPage() {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>Not found</title></head><body style="font-family:system-ui;padding:24px"><main><h1>Not found</h1><p>${escapeHtml(LIVE_COPY.en.missing!)}</p><p lang="ja">${escapeHtml(LIVE_COPY.ja.missing!)}</p><p lang="zh">${escapeHtml(LIVE_COPY.zh.missing!)}</p></main></body></html>`;
}
