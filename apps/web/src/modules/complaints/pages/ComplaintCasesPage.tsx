/**
 * 案例库: the company's complaint cases for every staff member to learn from — search by words, filter
 * by tag (with counts), grade and estate; each case with its grade and class, what happened, the
 * handling and the lesson; a drawer with the whole case (and editing, for its writer or the company's
 * complaint centre). `?case=<id>` opens one (the complaint card's 查看案例).
 */
import { EditOutlined } from '@ant-design/icons';
import {
  COMPLAINT_GRADE_LABELS,
  COMPLAINT_GRADES,
  COMPLAINT_VALIDITY_LABELS,
  type ComplaintCase,
  type ComplaintGrade,
} from '@wuye/contracts';
import {
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Pagination,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { MessageKey } from '../../../app/i18n/messages';
import { formatDate, formatDateTime } from '../../../shared/format';
import { useListParams } from '../../../shared/hooks/useListParams';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { QueryError } from '../../../shared/ui/QueryError';
import { SearchBox } from '../../../shared/ui/SearchBox';
import { useCase, useCaseLibrary } from '../cases.api';
import { CaseDialog } from '../components/CaseDialog';
import { GradeTag, gradeKey, ValidityTag } from '../components/ComplaintTags';
import '../cases.css';

const PAGE_SIZE = 20;

export default function ComplaintCasesPage() {
  const { t } = useI18n();
  const { estates } = useEstate();
  const { values, page, setFilters, setPage } = useListParams(['q', 'tag', 'grade', 'estate'] as const);
  const [params, setParams] = useSearchParams();
  const openId = params.get('case') ?? undefined;
  const grade = COMPLAINT_GRADES.includes(values.grade as ComplaintGrade)
    ? (values.grade as ComplaintGrade)
    : undefined;
  const list = useCaseLibrary({
    q: values.q,
    tag: values.tag,
    grade,
    estateId: values.estate,
    page,
    pageSize: PAGE_SIZE,
  });
  const filtered = Boolean(values.q || values.tag || grade || values.estate);

  const openCase = (id: string | undefined) => {
    const next = new URLSearchParams(window.location.search);
    if (id) next.set('case', id);
    else next.delete('case');
    setParams(next);
  };

  return (
    <div className="cases-page">
      <PageHeader title={t('cases.title')} subtitle={t('cases.subtitle')} />
      <Card size="small" className="cases-filters">
        <Space wrap size={12}>
          <SearchBox
            value={values.q}
            onSearch={(q) => setFilters({ q })}
            placeholder={t('cases.search')}
            width={380}
            testId="cases-search"
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('cases.allGrades')}
            value={grade}
            onChange={(g) => setFilters({ grade: g })}
            data-testid="cases-grade"
            options={[...COMPLAINT_GRADES].reverse().map((g) => ({ value: g, label: t(gradeKey(g)) }))}
          />
          {estates.length > 1 ? (
            <Select
              allowClear
              style={{ width: 160 }}
              placeholder={t('cases.allEstates')}
              value={values.estate}
              onChange={(e) => setFilters({ estate: e })}
              options={estates.map((e) => ({ value: e.id, label: e.name }))}
            />
          ) : null}
        </Space>
        {list.data && (list.data.tags.length > 0 || values.tag) ? (
          <div className="cases-tags" data-testid="cases-tags">
            <span className="cases-tags-label">{t('cases.tags')}</span>
            <Tag.CheckableTag checked={!values.tag} onChange={() => setFilters({ tag: undefined })}>
              {t('cases.allTags')}
            </Tag.CheckableTag>
            {list.data.tags.map((x) => (
              <Tag.CheckableTag
                key={x.tag}
                checked={values.tag === x.tag}
                onChange={(on) => setFilters({ tag: on ? x.tag : undefined })}
                data-testid="cases-tag"
              >
                {x.tag}
                <span className="cases-tag-count">{x.count}</span>
              </Tag.CheckableTag>
            ))}
          </div>
        ) : null}
      </Card>

      {list.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Card>
          <Empty description={t(filtered ? 'cases.none' : 'cases.noneYet')} />
        </Card>
      ) : (
        <>
          <Typography.Text type="secondary" className="cases-count" data-testid="cases-count">
            {t('cases.count', { total: list.data.total })}
          </Typography.Text>
          <div className="cases-grid" data-testid="cases-list">
            {list.data.items.map((c) => (
              <CaseCard key={c.id} c={c} onOpen={() => openCase(c.id)} />
            ))}
          </div>
          {list.data.total > PAGE_SIZE ? (
            <Pagination
              className="cases-pagination"
              current={page}
              pageSize={PAGE_SIZE}
              total={list.data.total}
              showSizeChanger={false}
              onChange={(p) => setPage(p)}
            />
          ) : null}
        </>
      )}
      <CaseDrawer id={openId} onClose={() => openCase(undefined)} />
    </div>
  );
}

/** The writer's tags, without the grade and class already shown as coloured tags (in either language). */
function ownTags(c: ComplaintCase): string[] {
  const shown = new Set<string>(Object.values(COMPLAINT_GRADE_LABELS[c.grade]));
  if (c.validity) for (const l of Object.values(COMPLAINT_VALIDITY_LABELS[c.validity])) shown.add(l);
  return c.tags.filter((tag) => !shown.has(tag));
}

function CaseTags({ c }: { c: ComplaintCase }) {
  return (
    <Space size={4} wrap>
      <GradeTag grade={c.grade} />
      <ValidityTag validity={c.validity} />
    </Space>
  );
}

function CaseCard({ c, onOpen }: { c: ComplaintCase; onOpen: () => void }) {
  const { t } = useI18n();
  const tags = ownTags(c);
  const section = (label: MessageKey, text: string, className = '') => (
    <div className={`case-section ${className}`}>
      <div className="case-section-label">{t(label)}</div>
      <Typography.Paragraph ellipsis={{ rows: 2 }} className="case-section-text">
        {text}
      </Typography.Paragraph>
    </div>
  );
  return (
    <Card
      size="small"
      hoverable
      className="case-card"
      onClick={onOpen}
      data-testid="case-item"
      title={
        <div className="case-card-title">
          <span className="case-card-name">{c.title}</span>
          <CaseTags c={c} />
        </div>
      }
    >
      <Typography.Text type="secondary" className="case-meta">
        {t('cases.meta', { estate: c.estateName, date: formatDate(c.createdAt), name: c.createdByName })}
      </Typography.Text>
      {section('cases.summary', c.summary)}
      {section('cases.handling', c.handling)}
      {section('cases.lesson', c.lesson, 'case-lesson')}
      <Space size={4} wrap className="case-card-tags">
        {tags.map((tag) => (
          <Tag key={tag} bordered={false}>
            {tag}
          </Tag>
        ))}
      </Space>
    </Card>
  );
}

function CaseDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const { t } = useI18n();
  const { estates } = useEstate();
  const query = useCase(id);
  const [editing, setEditing] = useState(false);
  const c = query.data;
  const tags = c ? ownTags(c) : [];
  const mine = c ? estates.some((e) => e.id === c.estateId) : false;
  const text = (label: MessageKey, body: string, className = '') => (
    <div className={`case-section ${className}`}>
      <Typography.Title level={5} className="case-drawer-label">
        {t(label)}
      </Typography.Title>
      <div className="case-drawer-text">{body}</div>
    </div>
  );
  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      width={680}
      title={c?.title ?? ' '}
      data-testid="case-drawer"
      extra={
        c?.canEdit ? (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="case-edit">
            {t('cases.edit')}
          </Button>
        ) : null
      }
    >
      {query.isPending && id ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : c ? (
        <>
          <Space size={4} wrap style={{ marginBottom: 12 }}>
            <CaseTags c={c} />
            {tags.map((tag) => (
              <Tag key={tag} bordered={false}>
                {tag}
              </Tag>
            ))}
          </Space>
          <Descriptions
            size="small"
            column={2}
            items={[
              { key: 'estate', label: t('header.estate'), children: c.estateName },
              { key: 'category', label: t('detail.category'), children: c.categoryName ?? t('common.none') },
              {
                key: 'by',
                label: t('cases.writtenBy'),
                children: `${c.createdByName} · ${formatDateTime(c.createdAt)}`,
              },
              {
                key: 'source',
                label: t('cases.source'),
                children: mine ? (
                  <Link to={`/requests/${c.requestId}`} className="mono">
                    {c.number}
                  </Link>
                ) : (
                  <span className="mono">{c.number}</span>
                ),
              },
            ]}
          />
          {text('cases.summary', c.summary)}
          {text('cases.handling', c.handling)}
          {text('cases.lesson', c.lesson, 'case-lesson')}
          {c.updatedAt !== c.createdAt ? (
            <Typography.Text type="secondary">
              {t('cases.updated', { time: formatDateTime(c.updatedAt) })}
            </Typography.Text>
          ) : null}
          {editing ? (
            <CaseDialog requestId={c.requestId} existing={c} onClose={() => setEditing(false)} />
          ) : null}
        </>
      ) : null}
    </Drawer>
  );
}
