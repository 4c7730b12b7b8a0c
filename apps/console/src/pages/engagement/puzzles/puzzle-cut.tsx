/** The picture with the grid it will be cut into, as customers will get the pieces. */
export function PuzzleCutPreview({ imageUrl, size, label }: { imageUrl: string; size: number; label: string }) {
  return (
    <figure className="puzzle-cut">
      <div className="puzzle-cut-board" role="img" aria-label={label} style={{ backgroundImage: `url("${imageUrl}")`, gridTemplateColumns: `repeat(${size}, 1fr)` }}>
        {Array.from({ length: size * size }, (_, index) => <span key={index} className="puzzle-cut-cell" />)}
      </div>
    </figure>
  );
}

/** Longest side of an upload after scaling: enough for a sharp board on a phone at 3× pixel density. */
const UPLOAD_SIDE = 960;

/**
 * Crops a picture to its centred square and scales it down to a JPEG before upload (the board is square, and a phone
 * downloads it at every play). A file the browser cannot decode is sent as it is, for the server to judge by its bytes.
 */
export async function squareForUpload(file: File): Promise<File> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return file;
  }
  const side = Math.min(bitmap.width, bitmap.height);
  const target = Math.min(side, UPLOAD_SIDE);
  const canvas = document.createElement('canvas');
  canvas.width = target;
  canvas.height = target;
  canvas.getContext('2d')!.drawImage(bitmap, (bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side, 0, 0, target, target);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
  if (!blob) return file;
  return new File([blob], `${file.name.replace(/\.[^.]+$/, '') || 'picture'}.jpg`, { type: 'image/jpeg' });
}
