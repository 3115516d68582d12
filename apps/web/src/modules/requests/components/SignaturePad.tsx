/**
 * The resident's signature on the technician's phone or tablet: a plain <canvas> drawn with pointer
 * events (finger, pen or mouse), a clear button, and a PNG export for upload.
 */
import { ClearOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import {
  type PointerEvent as ReactPointerEvent,
  type Ref,
  useCallback,
  useEffect,
  useImperativeHandle,
  useRef,
  useState,
} from 'react';
import { useI18n } from '../../../app/i18n/I18nProvider';

export type SignaturePadHandle = {
  isEmpty: () => boolean;
  clear: () => void;
  /** The signature as a PNG (white background), or null when nothing was drawn. */
  toBlob: () => Promise<Blob | null>;
};

export function SignaturePad({
  ref,
  height = 180,
  disabled = false,
  onChange,
}: {
  ref?: Ref<SignaturePadHandle>;
  height?: number;
  disabled?: boolean;
  onChange?: (empty: boolean) => void;
}) {
  const { t } = useI18n();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<{ id: number; x: number; y: number } | null>(null);
  const [empty, setEmpty] = useState(true);

  const setEmptyState = useCallback(
    (value: boolean) => {
      setEmpty(value);
      onChange?.(value);
    },
    [onChange],
  );

  // Size the drawing buffer to the element and the screen's pixel ratio, so lines stay sharp.
  const fit = useCallback(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ratio = Math.max(1, window.devicePixelRatio || 1);
    const rect = canvas.getBoundingClientRect();
    canvas.width = Math.round(rect.width * ratio);
    canvas.height = Math.round(rect.height * ratio);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.lineWidth = 2.4;
    ctx.strokeStyle = '#10233f';
    setEmptyState(true);
  }, [setEmptyState]);

  useEffect(() => {
    fit();
    const observer = new ResizeObserver(() => {
      // Resizing clears the canvas; only refit when the width really changed.
      const canvas = canvasRef.current;
      if (!canvas) return;
      const ratio = Math.max(1, window.devicePixelRatio || 1);
      if (Math.abs(canvas.getBoundingClientRect().width * ratio - canvas.width) > 2) fit();
    });
    if (canvasRef.current) observer.observe(canvasRef.current);
    return () => observer.disconnect();
  }, [fit]);

  const point = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  };

  const onPointerDown = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (disabled) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture?.(e.pointerId);
    const p = point(e);
    drawing.current = { id: e.pointerId, ...p };
    const ctx = e.currentTarget.getContext('2d');
    if (ctx) {
      ctx.beginPath();
      ctx.arc(p.x, p.y, 1.2, 0, Math.PI * 2);
      ctx.fillStyle = '#10233f';
      ctx.fill();
    }
    if (empty) setEmptyState(false);
  };

  const onPointerMove = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const last = drawing.current;
    if (!last || last.id !== e.pointerId) return;
    e.preventDefault();
    const ctx = e.currentTarget.getContext('2d');
    const p = point(e);
    if (ctx) {
      ctx.beginPath();
      ctx.moveTo(last.x, last.y);
      ctx.lineTo(p.x, p.y);
      ctx.stroke();
    }
    drawing.current = { id: e.pointerId, ...p };
  };

  const stop = () => {
    drawing.current = null;
  };

  const clear = useCallback(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (canvas && ctx) {
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.restore();
    }
    setEmptyState(true);
  }, [setEmptyState]);

  useImperativeHandle(
    ref,
    () => ({
      isEmpty: () => empty,
      clear,
      toBlob: () =>
        new Promise<Blob | null>((resolve) => {
          const canvas = canvasRef.current;
          if (!canvas || empty) return resolve(null);
          // Export on white: a transparent PNG prints as black on some viewers.
          const out = document.createElement('canvas');
          out.width = canvas.width;
          out.height = canvas.height;
          const ctx = out.getContext('2d');
          if (!ctx) return resolve(null);
          ctx.fillStyle = '#fff';
          ctx.fillRect(0, 0, out.width, out.height);
          ctx.drawImage(canvas, 0, 0);
          out.toBlob((blob) => resolve(blob), 'image/png');
        }),
    }),
    [empty, clear],
  );

  return (
    <div className={`signature-pad${disabled ? ' signature-pad-disabled' : ''}`}>
      <canvas
        ref={canvasRef}
        data-testid="signature-canvas"
        aria-label={t('complete.signatureHint')}
        style={{ height }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={stop}
        onPointerCancel={stop}
        onPointerLeave={stop}
      />
      {empty ? <div className="signature-pad-hint">{t('complete.signatureHint')}</div> : null}
      <Button
        className="signature-pad-clear"
        size="small"
        icon={<ClearOutlined />}
        onClick={clear}
        disabled={disabled || empty}
      >
        {t('complete.signatureClear')}
      </Button>
    </div>
  );
}
