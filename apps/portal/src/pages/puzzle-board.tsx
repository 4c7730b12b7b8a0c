import { useRef, useState } from 'preact/hooks';
import { usePortal } from '../portal-context.ts';

/** Pointer travel (px) that turns a press into a drag; less is a tap. */
const DRAG_THRESHOLD = 6;

interface Drag {
  slot: number;
  pointerId: number;
  x: number;
  y: number;
  moved: boolean;
  element: HTMLElement;
}

export const piecesInPlace = (arrangement: readonly number[]) => arrangement.filter((piece, slot) => piece === slot).length;

/**
 * The board: one button per slot showing its piece (the picture cut with background-position). Three ways to swap two
 * pieces, each one move: drag a piece onto another (pointer events: touch, pen or mouse; it snaps into the slot it is
 * dropped on); tap one then another; or the keyboard (arrows move, Enter/Space picks then swaps, Escape lets go).
 * Every slot is labelled with where it is and which piece it holds, and each change is announced.
 */
export function PuzzleBoard({ size, imageUrl, arrangement, disabled, onSwap }: {
  size: number;
  imageUrl: string;
  arrangement: readonly number[];
  disabled: boolean;
  onSwap: (a: number, b: number) => void;
}) {
  const { t } = usePortal();
  const [selected, setSelected] = useState<number | null>(null);
  const [focused, setFocused] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  // The slot a dragged piece would land in, outlined while dragging.
  const [over, setOver] = useState<number | null>(null);
  // Rendered state (not classList): a re-render while dragging would otherwise drop the class.
  const [dragging, setDragging] = useState<number | null>(null);
  const board = useRef<HTMLDivElement>(null);
  const drag = useRef<Drag | null>(null);
  const suppressClick = useRef(false);
  const total = size * size;

  const swap = (a: number, b: number) => {
    const next = [...arrangement];
    [next[a], next[b]] = [next[b]!, next[a]!];
    onSwap(a, b);
    setSelected(null);
    setAnnouncement(t('puzzleSwappedAnnounce', { n: piecesInPlace(next), total }));
  };

  const choose = (slot: number) => {
    if (disabled) return;
    if (selected === null) {
      setSelected(slot);
      setAnnouncement(t('puzzleSelectedAnnounce', { row: Math.floor(slot / size) + 1, col: (slot % size) + 1 }));
    } else if (selected === slot) {
      setSelected(null);
      setAnnouncement(t('puzzleCancelled'));
    } else {
      swap(selected, slot);
    }
  };

  const slotAt = (x: number, y: number) => {
    const rect = board.current!.getBoundingClientRect();
    if (x < rect.left || y < rect.top || x >= rect.right || y >= rect.bottom) return null;
    const col = Math.min(size - 1, Math.floor(((x - rect.left) / rect.width) * size));
    const row = Math.min(size - 1, Math.floor(((y - rect.top) / rect.height) * size));
    return row * size + col;
  };

  const endDrag = (event: PointerEvent, drop: boolean) => {
    const current = drag.current;
    if (!current || current.pointerId !== event.pointerId) return;
    drag.current = null;
    setOver(null);
    setDragging(null);
    current.element.style.transform = '';
    if (!current.moved) return;
    // The click that follows this pointerup (if the browser sends one) is the drop, not a tap.
    suppressClick.current = true;
    setTimeout(() => (suppressClick.current = false), 0);
    const target = drop ? slotAt(event.clientX, event.clientY) : null;
    if (target !== null && target !== current.slot) swap(current.slot, target);
  };

  const onKeyDown = (event: KeyboardEvent, slot: number) => {
    const row = Math.floor(slot / size);
    const col = slot % size;
    const moves: Record<string, number | null> = {
      ArrowLeft: col > 0 ? slot - 1 : null, ArrowRight: col < size - 1 ? slot + 1 : null,
      ArrowUp: row > 0 ? slot - size : null, ArrowDown: row < size - 1 ? slot + size : null,
      Home: row * size, End: row * size + size - 1,
    };
    if (event.key === 'Escape' && selected !== null) {
      setSelected(null);
      setAnnouncement(t('puzzleCancelled'));
      return;
    }
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = moves[event.key];
    if (next === null || next === undefined) return;
    setFocused(next);
    (board.current?.children[next] as HTMLElement | undefined)?.focus();
  };

  const backgroundSize = `${size * 100}% ${size * 100}%`;
  return (
    <>
      <div ref={board} class={`puzzle-board${disabled ? ' done' : ''}`} role="group" aria-label={t('puzzleBoard', { size })} style={{ gridTemplateColumns: `repeat(${size}, 1fr)` }}>
        {arrangement.map((piece, slot) => {
          const pieceRow = Math.floor(piece / size);
          const pieceCol = piece % size;
          const label = [
            t('puzzlePieceLabel', { row: Math.floor(slot / size) + 1, col: (slot % size) + 1, pieceRow: pieceRow + 1, pieceCol: pieceCol + 1 }),
            piece === slot ? t('puzzlePieceInPlace') : null,
            selected === slot ? t('puzzlePieceSelected') : null,
          ].filter(Boolean).join(', ');
          return (
            <button
              key={slot}
              type="button"
              class={`puzzle-piece${selected === slot ? ' selected' : ''}${over === slot ? ' drop-target' : ''}${dragging === slot ? ' dragging' : ''}`}
              aria-label={label}
              aria-pressed={selected === slot}
              aria-disabled={disabled || undefined}
              tabIndex={slot === focused ? 0 : -1}
              style={{
                backgroundImage: `url("${imageUrl}")`, backgroundSize,
                backgroundPosition: `${size > 1 ? (pieceCol / (size - 1)) * 100 : 0}% ${size > 1 ? (pieceRow / (size - 1)) * 100 : 0}%`,
              }}
              onFocus={() => setFocused(slot)}
              onKeyDown={(event) => onKeyDown(event, slot)}
              onClick={() => {
                if (suppressClick.current) {
                  suppressClick.current = false;
                  return;
                }
                choose(slot);
              }}
              onPointerDown={(event) => {
                if (disabled || event.button !== 0) return;
                const element = event.currentTarget as HTMLElement;
                element.setPointerCapture(event.pointerId);
                drag.current = { slot, pointerId: event.pointerId, x: event.clientX, y: event.clientY, moved: false, element };
              }}
              onPointerMove={(event) => {
                const current = drag.current;
                if (!current || current.pointerId !== event.pointerId) return;
                const dx = event.clientX - current.x;
                const dy = event.clientY - current.y;
                if (!current.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
                if (!current.moved) {
                  current.moved = true;
                  setSelected(null);
                  setDragging(slot);
                }
                current.element.style.transform = `translate(${dx}px, ${dy}px)`;
                const target = slotAt(event.clientX, event.clientY);
                const next = target === current.slot ? null : target;
                if (next !== over) setOver(next);
              }}
              onPointerUp={(event) => endDrag(event, true)}
              onPointerCancel={(event) => endDrag(event, false)}
            />
          );
        })}
      </div>
      <p class="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}
