/** 类别: the category tree of each request type (picked at intake), with a quick filter. */
import { REQUEST_TYPE_LABELS, type RequestType } from '@wuye/contracts';
import { Card, Empty, Input, Skeleton, Tabs, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useMemo, useState } from 'react';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { CategoryNode } from '../../../shared/api/types';
import { useListParams } from '../../../shared/hooks/useListParams';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { QueryError } from '../../../shared/ui/QueryError';
import { useCategories } from '../categories.api';

const TYPES = Object.keys(REQUEST_TYPE_LABELS) as RequestType[];

function countNodes(nodes: CategoryNode[]): number {
  return nodes.reduce((sum, n) => sum + 1 + countNodes(n.children), 0);
}

/** The nodes whose name contains the text, with their ancestors. */
function filterTree(nodes: CategoryNode[], text: string): CategoryNode[] {
  if (!text) return nodes;
  const needle = text.toLowerCase();
  return nodes.flatMap((n) => {
    const children = filterTree(n.children, text);
    const self = n.name.toLowerCase().includes(needle);
    return self || children.length
      ? [{ ...n, children: self && !children.length ? n.children : children }]
      : [];
  });
}

function toTreeData(nodes: CategoryNode[], text: string): DataNode[] {
  return nodes.map((n) => ({
    key: n.id,
    title: highlight(n.name, text),
    children: toTreeData(n.children, text),
  }));
}

function highlight(name: string, text: string) {
  if (!text) return name;
  const at = name.toLowerCase().indexOf(text.toLowerCase());
  if (at < 0) return name;
  return (
    <>
      {name.slice(0, at)}
      <Typography.Text mark>{name.slice(at, at + text.length)}</Typography.Text>
      {name.slice(at + text.length)}
    </>
  );
}

export default function CategoriesPage() {
  const { t, label } = useI18n();
  const list = useListParams(['type'] as const);
  const type = TYPES.find((x) => x === list.values.type) ?? 'repair';
  const [text, setText] = useState('');
  const categories = useCategories(type);
  const items = categories.data?.items;
  const visible = useMemo(() => filterTree(items ?? [], text.trim()), [items, text]);
  const treeData = useMemo(() => toTreeData(visible, text.trim()), [visible, text]);

  return (
    <>
      <PageHeader title={t('categories.title')} subtitle={t('categories.subtitle')} />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={type}
          onChange={(key) => {
            setText('');
            list.setFilters({ type: key === 'repair' ? undefined : key });
          }}
          items={TYPES.map((x) => ({
            key: x,
            label: label(REQUEST_TYPE_LABELS, x),
          }))}
        />
        <div className="filter-bar" style={{ alignItems: 'center', justifyContent: 'space-between' }}>
          <Input.Search
            allowClear
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('categories.searchPlaceholder')}
            style={{ width: 260 }}
          />
          {items ? (
            <Typography.Text type="secondary">
              {t('categories.count', { n: countNodes(items) })}
            </Typography.Text>
          ) : null}
        </div>
        {categories.isError ? (
          <QueryError error={categories.error} onRetry={() => categories.refetch()} />
        ) : null}
        {categories.isPending ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : treeData.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={text.trim() ? t('categories.noMatch') : t('categories.empty')}
          />
        ) : (
          <Tree
            key={`${type}-${text}`}
            showLine
            blockNode
            selectable={false}
            defaultExpandAll
            treeData={treeData}
            className="category-tree"
          />
        )}
      </Card>
    </>
  );
}
