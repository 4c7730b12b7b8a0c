import qrcode from 'qrcode-generator';
import { useMemo } from 'preact/hooks';

/**
 * A QR code as SVG, drawn from the library's module grid (no markup from a string): one path of dark squares, with
 * the four-module quiet zone scanners need. Medium error correction survives a scuffed phone screen.
 */
export function QrCode({ text, label, size = 220 }: { text: string; label: string; size?: number }) {
  const { count, path } = useMemo(() => {
    const code = qrcode(0, 'M');
    code.addData(text);
    code.make();
    const modules = code.getModuleCount();
    let d = '';
    for (let row = 0; row < modules; row += 1) {
      for (let col = 0; col < modules; col += 1) if (code.isDark(row, col)) d += `M${col + 4} ${row + 4}h1v1h-1z`;
    }
    return { count: modules + 8, path: d };
  }, [text]);
  return (
    <svg class="qr" role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${count} ${count}`} shape-rendering="crispEdges">
      <rect width={count} height={count} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
