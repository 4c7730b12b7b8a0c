import qrcode from 'qrcode-generator';
import { useMemo } from 'react';
import { CopyField } from '../../../components/copy-field.tsx';
import { useI18n } from '../../../i18n/i18n-context.tsx';

/** A QR code drawn as SVG from the module grid, with the quiet zone scanners need. */
function QrCode({ text, label }: { text: string; label: string }) {
  const { count, path } = useMemo(() => {
    const code = qrcode(0, 'M');
    code.addData(text);
    code.make();
    const modules = code.getModuleCount();
    let d = '';
    for (let row = 0; row < modules; row += 1) for (let col = 0; col < modules; col += 1) if (code.isDark(row, col)) d += `M${col + 4} ${row + 4}h1v1h-1z`;
    return { count: modules + 8, path: d };
  }, [text]);
  return (
    <svg className="live-qr" role="img" aria-label={label} width={148} height={148} viewBox={`0 0 ${count} ${count}`} shapeRendering="crispEdges">
      <rect width={count} height={count} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

/** Where viewers and the broadcast find the feed: the phone page (with a QR code to show on air) and the overlay. */
export function LiveLinks({ handle, slug }: { handle: string; slug: string }) {
  const { t } = useI18n();
  const phone = `${window.location.origin}/live/${handle}/${slug}`;
  return (
    <section className="panel live-links" aria-labelledby="live-links-title">
      <h2 id="live-links-title" className="panel-title">{t('live.links')}</h2>
      <div className="live-links-row">
        <QrCode text={phone} label={t('live.qrLabel')} />
        <div className="live-links-fields">
          <CopyField label={t('live.phoneUrl')} value={phone} description={t('live.phoneUrlHint')} />
          <CopyField label={t('live.overlayUrl')} value={`${phone}/overlay?width=1920&height=1080&layout=ticker`} description={t('live.overlayUrlHint')} />
          <p className="small"><a href={phone} target="_blank" rel="noreferrer">{t('live.openPhone')}</a> · <a href={`${phone}/overlay`} target="_blank" rel="noreferrer">{t('live.openOverlay')}</a></p>
        </div>
      </div>
    </section>
  );
}
