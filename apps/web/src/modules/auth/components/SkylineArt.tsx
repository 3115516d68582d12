/** Decorative skyline of an estate for the login panel (pure SVG, no image request). */
const BUILDINGS = [
  { x: 0, w: 70, h: 150 },
  { x: 78, w: 54, h: 230 },
  { x: 140, w: 86, h: 190 },
  { x: 234, w: 60, h: 290 },
  { x: 302, w: 96, h: 210 },
  { x: 406, w: 58, h: 260 },
  { x: 472, w: 80, h: 170 },
  { x: 560, w: 64, h: 240 },
  { x: 632, w: 100, h: 200 },
];

export function SkylineArt() {
  const base = 320;
  return (
    <svg
      className="login-skyline"
      viewBox="0 0 732 320"
      preserveAspectRatio="xMidYMax slice"
      aria-hidden="true"
      focusable="false"
    >
      <defs>
        <linearGradient id="skyline-fill" x1="0" y1="0" x2="0" y2="1">
          <stop offset="0" stopColor="#ffffff" stopOpacity="0.16" />
          <stop offset="1" stopColor="#ffffff" stopOpacity="0.03" />
        </linearGradient>
      </defs>
      {BUILDINGS.map((b, i) => (
        <g key={b.x}>
          <rect x={b.x} y={base - b.h} width={b.w} height={b.h} rx="3" fill="url(#skyline-fill)" />
          {Array.from({ length: Math.floor((b.h - 24) / 26) }, (_, row) =>
            Array.from({ length: Math.floor((b.w - 12) / 18) }, (_, col) => {
              const lit = (row * 7 + col * 3 + i * 5) % 9 < 3;
              return (
                <rect
                  // biome-ignore lint/suspicious/noArrayIndexKey: fixed decorative grid
                  key={`${row}-${col}`}
                  x={b.x + 10 + col * 18}
                  y={base - b.h + 16 + row * 26}
                  width="8"
                  height="12"
                  rx="1.5"
                  fill={lit ? '#ffd98a' : '#ffffff'}
                  fillOpacity={lit ? 0.55 : 0.1}
                />
              );
            }),
          )}
        </g>
      ))}
    </svg>
  );
}
