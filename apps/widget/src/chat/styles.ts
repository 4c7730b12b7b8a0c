/** The chat's styles, inside the shadow root (the loader's `.tp` sets the font and resets the host). Only px units. */
export const CHAT_CSS = `
.tp-panel{position:fixed;bottom:88px;right:20px;width:370px;height:min(620px,calc(100vh - 108px));display:flex;flex-direction:column;background:#fff;border-radius:14px;box-shadow:0 10px 40px rgba(0,0,0,.28);overflow:hidden}
.tp[data-position=left] .tp-panel{right:auto;left:20px}
.tp-panel[hidden]{display:none}
@media (max-width:480px){.tp-panel,.tp[data-position=left] .tp-panel{inset:0;width:100%;height:100%;border-radius:0}}
.tp-sr{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
:where(.tp) :where(button,input,textarea){font:inherit;color:inherit;margin:0}
:where(.tp) button{cursor:pointer}
.tp :focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
.tp-head{display:flex;align-items:flex-start;gap:8px;padding:14px 14px 12px 16px;background:var(--tp-color);color:var(--tp-on-color)}
.tp-head div{flex:1;min-width:0}
.tp-title{margin:0;font-size:17px;font-weight:700;line-height:1.3}
.tp-status{margin:2px 0 0;font-size:13px}
.tp-dot{display:inline-block;width:8px;height:8px;border-radius:50%;margin-right:6px;background:#9e9e9e;border:1px solid currentColor;vertical-align:1px}
.tp-dot.tp-on{background:#2e7d32}
.tp-x{all:unset;box-sizing:border-box;width:36px;height:36px;border-radius:8px;display:flex;align-items:center;justify-content:center;cursor:pointer}
.tp-x:hover{background:rgba(127,127,127,.25)}
.tp-x:focus-visible{outline:3px solid currentColor;outline-offset:-3px}
.tp-acct{all:unset;box-sizing:border-box;margin-left:auto;min-height:36px;padding:0 10px;border-radius:8px;font-size:13px;text-decoration:underline;cursor:pointer}
.tp-acct+.tp-acct{margin-left:0}
.tp-acct:hover{background:rgba(127,127,127,.25)}
.tp-acct:focus-visible{outline:3px solid currentColor;outline-offset:-3px}
.tp-log{flex:1;overflow-y:auto;padding:14px 14px 6px;background:#f6f7f9;display:flex;flex-direction:column;gap:10px}
.tp-msg{display:flex;flex-direction:column;max-width:85%;align-self:flex-start}
.tp-msg.tp-mine{align-self:flex-end;align-items:flex-end}
.tp-author{font-size:12px;color:#4a4f57;margin:0 0 2px 2px}
.tp-bubble{padding:8px 12px;border-radius:14px;background:#fff;border:1px solid #dfe3e8;white-space:pre-wrap;overflow-wrap:anywhere}
.tp-mine .tp-bubble{background:var(--tp-color);color:var(--tp-on-color);border-color:transparent}
.tp-meta{font-size:12px;color:#4a4f57;margin:2px 4px 0}
.tp-files{display:flex;flex-direction:column;gap:4px;margin-top:4px}
.tp-img{display:block;max-width:220px;max-height:220px;border-radius:10px;border:1px solid #dfe3e8}
.tp-file{all:unset;box-sizing:border-box;cursor:pointer;padding:6px 10px;border-radius:10px;background:#fff;border:1px solid #c4c9d0;color:#0b57d0;text-decoration:underline;overflow-wrap:anywhere}
.tp-file:focus-visible{outline:3px solid #0b57d0}
.tp-note{align-self:stretch;margin:0;padding:8px 10px;border-radius:10px;background:#eef1f4;color:#3a3f47;font-size:13px;text-align:center}
.tp-typing{min-height:20px;margin:0;padding:0 16px 4px;font-size:12px;color:#4a4f57;background:#f6f7f9}
.tp-error{color:#b3261e;font-size:13px;margin:4px 0 0}
.tp-link{all:unset;cursor:pointer;color:#0b57d0;text-decoration:underline;font-size:12px;margin-left:6px}
.tp-link:focus-visible{outline:2px solid #0b57d0}
.tp-form{padding:16px;display:flex;flex-direction:column;gap:12px;overflow-y:auto}
.tp-form h3{margin:0;font-size:16px}
.tp-form p{margin:0}
.tp-field{display:flex;flex-direction:column;gap:4px;font-size:13px;font-weight:600}
.tp-field input,.tp-field textarea,.tp-composer textarea{border:1px solid #8a9099;border-radius:8px;padding:8px 10px;font-size:16px;font-weight:400;background:#fff;color:#1a1a1a;width:100%}
.tp-primary{border:0;border-radius:8px;padding:10px 14px;font-weight:700;background:var(--tp-color);color:var(--tp-on-color)}
.tp-composer{border-top:1px solid #dfe3e8;padding:8px;background:#fff}
.tp-row{display:flex;align-items:flex-end;gap:4px}
.tp-composer textarea{flex:1;resize:none;min-height:40px;max-height:120px;line-height:1.35}
.tp-icon{all:unset;box-sizing:border-box;flex:none;width:40px;height:40px;border-radius:8px;display:flex;align-items:center;justify-content:center;cursor:pointer;color:#3a3f47}
.tp-icon:hover{background:#eef1f4}
.tp-icon:focus-visible{outline:3px solid #0b57d0;outline-offset:-3px}
.tp-send{background:var(--tp-color);color:var(--tp-on-color)}
.tp-send:hover{background:var(--tp-color);filter:brightness(.92)}
.tp-chips{display:flex;flex-wrap:wrap;gap:6px;margin:0 0 6px}
.tp-chip{display:flex;align-items:center;gap:4px;padding:2px 4px 2px 10px;border-radius:14px;background:#eef1f4;font-size:13px;max-width:100%}
.tp-chip button{all:unset;cursor:pointer;width:24px;height:24px;border-radius:50%;text-align:center;line-height:24px}
.tp-chip button:focus-visible{outline:2px solid #0b57d0}
.tp-emoji{display:grid;grid-template-columns:repeat(8,1fr);gap:2px;margin-top:6px;padding:6px;border:1px solid #dfe3e8;border-radius:10px}
.tp-emoji button{all:unset;cursor:pointer;text-align:center;font:22px/36px "Apple Color Emoji","Segoe UI Emoji","Noto Color Emoji",sans-serif;border-radius:6px}
.tp-emoji button:hover{background:#eef1f4}
.tp-emoji button:focus-visible{outline:2px solid #0b57d0}
.tp-csat{align-self:stretch;margin:0;padding:12px;border:1px solid #dfe3e8;border-radius:12px;background:#fff}
.tp-csat legend{padding:0 4px;font-weight:700}
.tp-stars{display:flex;gap:4px;margin:8px 0}
.tp-stars label{cursor:pointer;font-size:28px;line-height:1;color:#5f6670}
.tp-stars label.tp-lit{color:#8a5300}
.tp-stars input:focus-visible+span{outline:3px solid #0b57d0;border-radius:4px}
.tp-csat .tp-field{margin-bottom:8px}
.tp-survey fieldset{border:0;margin:0;padding:0}.tp-survey legend{font-weight:700}.tp-scores{display:grid;grid-template-columns:repeat(6,1fr);gap:4px;margin:8px 0 4px}.tp-scores-csat{grid-template-columns:repeat(5,1fr)}.tp-scores-ces{grid-template-columns:repeat(7,1fr)}.tp-scores button{min-height:40px;border:1px solid #8a919c;border-radius:8px;background:#fff;font-weight:700;color:#1f2328}.tp-ends{display:flex;justify-content:space-between;margin:0;font-size:12px;color:#5f6670}.tp-survey-thanks{margin:0 0 8px}
.tp-choices{display:flex;flex-wrap:wrap;gap:6px;margin:0;padding:0;list-style:none}
.tp-choice{border:1px solid var(--tp-color);border-radius:16px;padding:6px 12px;background:#fff;color:#1a1a1a;font-size:14px;min-height:36px}
.tp-choice:hover{background:#eef1f4}
.tp-human{display:flex;justify-content:center;padding:4px 8px 0;background:#fff;border-top:1px solid #dfe3e8}
.tp-human button{border:1px solid #8a9099;border-radius:16px;padding:6px 14px;background:#fff;color:#1a1a1a;font-size:14px;min-height:36px}
`;
