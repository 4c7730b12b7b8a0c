/**
 * The verify page's only script: recomputes a receipt with WebCrypto (hmac-sha256-v1, fair-draw.ts) in the visitor's
 * browser: SHA-256 of the revealed seed against the published hash, the HMAC roll, and the prize it draws on the
 * receipt's table. Texts come from the form's data attributes. Static, so the page's CSP allows it by hash.
 */
export const VERIFY_SCRIPT = `(()=>{const f=document.getElementById('verify');if(!f)return;const t=f.querySelector('textarea'),o=document.getElementById('verify-result'),d=f.dataset,en=new TextEncoder();
const hex=b=>Array.from(new Uint8Array(b),x=>x.toString(16).padStart(2,'0')).join('');
const say=(m,c)=>{o.textContent=m;o.className='result '+c};
async function run(){let r;try{r=JSON.parse(t.value)}catch(e){return say(d.malformed,'bad')}
if(!r||typeof r.serverSeed!=='string'||typeof r.serverSeedHash!=='string'||typeof r.clientSeed!=='string'||!Number.isInteger(r.nonce)||r.algorithm!=='hmac-sha256-v1')return say(d.malformed,'bad');
if(!window.crypto||!crypto.subtle)return say(d.unsupported,'bad');
const h=hex(await crypto.subtle.digest('SHA-256',en.encode(r.serverSeed)));if(h!==r.serverSeedHash.toLowerCase())return say(d.bad,'bad');
const k=await crypto.subtle.importKey('raw',en.encode(r.serverSeed),{name:'HMAC',hash:'SHA-256'},false,['sign']);
const s=new Uint8Array(await crypto.subtle.sign('HMAC',k,en.encode(r.clientSeed+':'+r.nonce)));let n=0;for(let i=0;i<6;i++)n=n*256+s[i];const roll=n/281474976710656;
const tb=Array.isArray(r.table)?r.table:[],tot=tb.reduce((a,l)=>a+(l.weight||0),0),ticket=Math.floor(roll*tot);let acc=0,line=null;for(const l of tb){acc+=l.weight||0;if(ticket<acc){line=l;break}}
if((typeof r.roll==='number'&&Math.abs(r.roll-roll)>1e-12)||(line&&r.drawnPrizeId&&line.id!==r.drawnPrizeId))return say(d.mismatch,'bad');
const prize=line?line.label+(r.fallback?' ('+d.fallback+')':''):'-';say(d.ok.replace('#roll',roll.toFixed(10)).replace('#prize',prize),'ok')}
f.addEventListener('submit',e=>{e.preventDefault();run()});if(t.value.trim())run()})()`;
