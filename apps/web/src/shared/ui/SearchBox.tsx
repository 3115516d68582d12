import { Input } from 'antd';
import { useEffect, useState } from 'react';

/** A search field that applies its text on Enter, on the search button, or when cleared. */
export function SearchBox({
  value,
  onSearch,
  placeholder,
  width = 280,
  testId,
}: {
  value: string | undefined;
  onSearch: (value: string | undefined) => void;
  placeholder: string;
  width?: number;
  testId?: string;
}) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  return (
    <Input.Search
      data-testid={testId}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onSearch={(v) => onSearch(v.trim() || undefined)}
      placeholder={placeholder}
      allowClear
      enterButton
      style={{ width, maxWidth: '100%' }}
      maxLength={100}
    />
  );
}
