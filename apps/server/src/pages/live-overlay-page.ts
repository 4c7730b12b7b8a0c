import { escapeHtml, jsonForScript, LIVE_COPY, type LivePageView } from './live-page-copy.ts';
import { LIVE_PAGE_SCRIPT } from './live-page-script.ts';

export interface OverlayOptions {
  /** The canvas in CSS pixels: 1920×1080 for a broadcast, anything for a venue screen. */
  width: number;
  height: number;
  /** `ticker`: posts run along the bottom; `wall`: a column of the latest posts. */
  layout: 'ticker' | 'wall';
  poll: boolean;
  scale: number;
}

function styleOf(o: OverlayOptions) {
  const s = (px: number) => `${Math.round(px * o.scale)}px`;
  return `html,body{margin:0;background:transparent;overflow:hidden}body{width:${o.width}px;height:${o.height}px;position:relative;font:600 ${s(30)}/1.3 system-ui,"Hiragino Sans","Noto Sans CJK JP","PingFang SC",sans-serif;color:#fff}
.post{display:flex;align-items:center;gap:${s(12)};background:rgba(15,23,42,.82);border-radius:${s(14)};padding:${s(10)} ${s(18)};box-shadow:0 ${s(4)} ${s(16)} rgba(0,0,0,.35)}
.who{color:#fcd34d;white-space:nowrap}.src{margin-left:${s(6)};font-size:.6em;background:rgba(255,255,255,.2);border-radius:${s(4)};padding:0 ${s(5)};vertical-align:middle}.emoji{font-size:1.2em;margin-left:${s(6)}}
.photo{height:${s(72)};border-radius:${s(8)}}
ul#posts{list-style:none;margin:0;padding:0;position:absolute}
.ticker ul#posts{left:0;bottom:${s(40)};display:flex;gap:${s(24)};white-space:nowrap;will-change:transform}.ticker .post{flex:none}
.ticker .body{white-space:nowrap}
.wall ul#posts{right:${s(40)};bottom:${s(40)};width:${s(640)};display:flex;flex-direction:column;gap:${s(12)}}.wall .post{animation:in .4s ease-out}@keyframes in{from{opacity:0;transform:translateY(${s(20)})}}
#pinned{position:absolute;left:${s(40)};top:${s(40)};max-width:${s(900)}}#pinned .post{background:rgba(180,83,9,.92)}.pin-label{display:block;font-size:.55em;text-transform:uppercase;letter-spacing:.08em;margin:0 0 ${s(4)} ${s(4)}}
#poll{position:absolute;right:${s(40)};top:${s(40)};width:${s(560)};background:rgba(15,23,42,.85);border-radius:${s(14)};padding:${s(18)}}.poll-q{font-size:1em;margin:0 0 ${s(10)}}
.bar{position:relative;background:rgba(255,255,255,.12);border-radius:${s(8)};margin:${s(8)} 0;height:${s(48)};display:flex;align-items:center;justify-content:space-between;padding:0 ${s(14)};overflow:hidden;font-size:.8em}
.bar .fill{position:absolute;inset:0 auto 0 0;background:#2563eb;transition:width .5s}.bar .label,.bar .pct{position:relative}.total{font-size:.6em;opacity:.8;margin:${s(6)} 0 0}
`;
}

/**
 * The overlay for a broadcast mixer or a venue screen: a transparent page of the given size showing approved posts
 * (a ticker along the bottom or a wall), the pinned post and the open poll's results, kept live by the socket.
 */
export function renderLiveOverlayPage(view: LivePageView, options: OverlayOptions) {
  const t = LIVE_COPY[view.locale];
  const config = { mode: 'overlay', layout: options.layout, width: options.width, speed: Math.round(140 * options.scale), apiBase: view.apiBase, photoBase: view.photoBase, copy: t, showPoll: options.poll, maxPosts: options.layout === 'wall' ? 6 : 20 };
  return `<!doctype html><html lang="${view.locale}"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${escapeHtml(view.feedName)} — overlay</title><style>${styleOf(options)}</style></head>
<body class="${options.layout}" data-status="scheduled"><main aria-label="${escapeHtml(view.feedName)}"><section id="pinned" aria-label="${escapeHtml(t.pinned!)}" hidden></section><section id="poll" aria-labelledby="poll-q" hidden></section><ul id="posts" aria-live="polite"></ul></main>
<script type="application/json" id="live-config">${jsonForScript(config)}</script><script>${LIVE_PAGE_SCRIPT}</script></body></html>`;
}
