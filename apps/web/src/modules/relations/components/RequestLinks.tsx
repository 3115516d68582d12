/** The requests a visit, a reception or a letter became: their numbers, linked to the request page. */
import type { LinkedRequest } from '@wuye/contracts';
import { Link } from 'react-router-dom';

export function RequestLinks({ items }: { items: readonly LinkedRequest[] }) {
  if (items.length === 0) return <span className="rel-muted">—</span>;
  return (
    <span>
      {items.map((r, i) => (
        <span key={r.id}>
          {i > 0 ? '、' : null}
          <Link to={`/requests/${r.id}`} className="mono">
            {r.number}
          </Link>
        </span>
      ))}
    </span>
  );
}
