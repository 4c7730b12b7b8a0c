/**
 * The built-in pictures: drawn here as SVG (ours, no third-party artwork), each with shapes that differ from one
 * area to the next so every piece of a 6×6 cut can be placed by eye. Served as image/svg+xml from our own markup only.
 */
export const BUILTIN_IMAGES = ['sunrise', 'blossom', 'waves', 'gift', 'city'] as const;
export type BuiltinImage = (typeof BUILTIN_IMAGES)[number];
export const isBuiltinImage = (value: string): value is BuiltinImage => (BUILTIN_IMAGES as readonly string[]).includes(value);

const svg = (defs: string, body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 600" width="600" height="600"><defs>${defs}</defs>${body}</svg>`;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

const DRAWINGS: Record<BuiltinImage, () => string> = {
  sunrise: () => svg(
    '<linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#2b1e5a"/><stop offset=".55" stop-color="#f0776c"/><stop offset="1" stop-color="#ffd39a"/></linearGradient>',
    '<rect width="600" height="600" fill="url(#s)"/><circle cx="390" cy="300" r="90" fill="#ffe27a"/>'
      + '<polygon points="0,420 120,250 230,380 330,230 470,400 600,280 600,600 0,600" fill="#3d2f6b"/>'
      + '<polygon points="0,470 90,380 200,460 300,360 420,470 520,400 600,450 600,600 0,600" fill="#1f5f5b"/>'
      + range(6).map((i) => `<rect x="${60 + i * 85}" y="${500 + (i % 3) * 25}" width="${40 + i * 6}" height="6" rx="3" fill="#9fe3d0" opacity=".7"/>`).join('')
      + '<path d="M60 120 q15 -12 30 0 q15 -12 30 0" stroke="#fff" stroke-width="5" fill="none"/><path d="M150 80 q12 -10 24 0 q12 -10 24 0" stroke="#fff" stroke-width="4" fill="none"/>',
  ),
  blossom: () => svg(
    '<radialGradient id="b"><stop offset="0" stop-color="#fff4f7"/><stop offset="1" stop-color="#f7a8c0"/></radialGradient>',
    '<rect width="600" height="600" fill="url(#b)"/><path d="M0 520 C150 470 260 420 600 120" stroke="#6b3f2a" stroke-width="22" fill="none"/>'
      + '<path d="M300 360 C340 420 380 440 450 470" stroke="#6b3f2a" stroke-width="12" fill="none"/>'
      + [[300, 250, 90], [470, 150, 55], [140, 430, 60], [460, 440, 45], [110, 140, 40]].map(([x, y, r]) =>
        range(5).map((k) => `<ellipse cx="${x}" cy="${y! - r! * 0.6}" rx="${r! * 0.42}" ry="${r! * 0.62}" fill="${k % 2 ? '#ff7aa2' : '#ff9bb8'}" transform="rotate(${k * 72} ${x} ${y})"/>`).join('')
        + `<circle cx="${x}" cy="${y}" r="${r! * 0.22}" fill="#ffd34d"/>`).join('')
      + '<ellipse cx="520" cy="300" rx="40" ry="18" fill="#5aa55a" transform="rotate(-30 520 300)"/><ellipse cx="230" cy="470" rx="38" ry="16" fill="#5aa55a" transform="rotate(20 230 470)"/>',
  ),
  waves: () => svg(
    '<linearGradient id="w" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f3e6c8"/><stop offset="1" stop-color="#e8d3a3"/></linearGradient>',
    '<rect width="600" height="600" fill="url(#w)"/><circle cx="470" cy="120" r="60" fill="#c8402f"/>'
      + range(5).map((row) => range(7).map((col) => {
        const x = col * 100 - (row % 2) * 50;
        const y = 260 + row * 75;
        return `<circle cx="${x}" cy="${y}" r="70" fill="#1b3f73"/><circle cx="${x}" cy="${y}" r="50" fill="#2f6aa3"/><circle cx="${x}" cy="${y}" r="30" fill="#8cc3e8"/><circle cx="${x}" cy="${y}" r="12" fill="#fff"/>`;
      }).join('')).join('')
      + '<polygon points="90,220 170,220 150,245 110,245" fill="#5a3a22"/><rect x="127" y="150" width="6" height="70" fill="#5a3a22"/><polygon points="133,155 133,210 175,210" fill="#fff"/>',
  ),
  gift: () => svg(
    '<linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#1d2b53"/><stop offset="1" stop-color="#3b1f4f"/></linearGradient>',
    '<rect width="600" height="600" fill="url(#g)"/>'
      + range(28).map((i) => `<rect x="${(i * 137) % 580}" y="${(i * 89) % 560}" width="14" height="6" rx="2" fill="${['#ffd34d', '#ff6f91', '#6fe3c1', '#8fb8ff'][i % 4]}" transform="rotate(${(i * 47) % 180} ${(i * 137) % 580} ${(i * 89) % 560})"/>`).join('')
      + '<rect x="150" y="270" width="300" height="230" rx="10" fill="#e63946"/><rect x="130" y="220" width="340" height="70" rx="10" fill="#ff5a67"/>'
      + '<rect x="280" y="220" width="40" height="280" fill="#ffd34d"/><rect x="150" y="370" width="300" height="30" fill="#ffd34d" opacity=".85"/>'
      + '<path d="M300 220 C240 140 170 170 220 215 Z" fill="#ffd34d"/><path d="M300 220 C360 140 430 170 380 215 Z" fill="#ffc21a"/>',
  ),
  city: () => svg(
    '<linearGradient id="c" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#0b1a3a"/><stop offset="1" stop-color="#33507f"/></linearGradient>',
    '<rect width="600" height="600" fill="url(#c)"/><circle cx="110" cy="110" r="50" fill="#f4f1c9"/><circle cx="130" cy="95" r="45" fill="#0f2147"/>'
      + range(20).map((i) => `<circle cx="${(i * 173) % 600}" cy="${(i * 61) % 250}" r="${1 + (i % 3)}" fill="#fff"/>`).join('')
      + [[20, 300, 90, '#23345a'], [120, 220, 80, '#2c4470'], [210, 340, 70, '#1d2c4d'], [290, 180, 100, '#31507e'], [400, 280, 80, '#243a63'], [490, 240, 95, '#2a416c']].map(([x, top, w, color]) =>
        `<rect x="${x}" y="${top}" width="${w}" height="${600 - (top as number)}" fill="${color}"/>`
        + range(Math.floor((600 - (top as number) - 30) / 40)).map((r) => range(Math.floor((w as number) / 25)).map((k) =>
          `<rect x="${(x as number) + 8 + k * 25}" y="${(top as number) + 15 + r * 40}" width="12" height="18" fill="${(r + k + (x as number)) % 3 ? '#ffd66b' : '#4a5f86'}"/>`).join('')).join('')).join('')
      + '<rect y="570" width="600" height="30" fill="#10182b"/>',
  ),
};

const cache = new Map<BuiltinImage, string>();
/** The SVG markup of a built-in picture (square, 600×600). */
export function renderBuiltinImage(key: BuiltinImage): string {
  let markup = cache.get(key);
  if (!markup) cache.set(key, (markup = DRAWINGS[key]()));
  return markup;
}
