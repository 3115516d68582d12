import { useId } from 'react';

/** The product mark: a house with a speech dot, drawn inline so it needs no request. */
export function BrandMark({ size = 32 }: { size?: number }) {
  // Each instance needs its own gradient id: a gradient inside a hidden SVG does not paint others.
  const gradient = `wuye-brand-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id={gradient} x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#4d8dff" />
          <stop offset="1" stopColor="#1f5fd6" />
        </linearGradient>
      </defs>
      <rect width="64" height="64" rx="14" fill={`url(#${gradient})`} />
      <path d="M14 30 32 15l18 15v19a3 3 0 0 1-3 3H17a3 3 0 0 1-3-3Z" fill="#fff" />
      <path d="M25 52V38h14v14" fill="#2a6ee6" />
      <circle cx="32" cy="29" r="4" fill="#2a6ee6" />
    </svg>
  );
}
