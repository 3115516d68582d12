import { Spin } from 'antd';

export function PageSpin() {
  return (
    <div style={{ padding: '120px 0', display: 'grid', placeItems: 'center' }}>
      <Spin />
    </div>
  );
}
