/** 前台受理: the intake form with the caller look-up on the left, the estate's live queue on the right. */
import { Card, Col, Row, Select } from 'antd';
import { useState } from 'react';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { DeskQueue } from '../components/DeskQueue';
import { IntakeForm } from '../components/IntakeForm';
import '../desk.css';

export default function DeskPage() {
  const { t } = useI18n();
  const { estateId: headerEstate, estates } = useEstate();
  // Intake is always for one estate: the header's, or (when it shows all) one chosen here.
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const estateId = headerEstate ?? chosen ?? estates[0]?.id;
  const estate = estates.find((e) => e.id === estateId);

  return (
    <div className="desk-page">
      <PageHeader
        title={t('desk.title')}
        subtitle={t('desk.subtitle')}
        extra={
          headerEstate ? null : (
            <Select
              aria-label={t('header.estate')}
              value={estateId}
              onChange={setChosen}
              options={estates.map((e) => ({ value: e.id, label: e.name }))}
              style={{ minWidth: 180 }}
            />
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card className="desk-intake-card" title={t('desk.intake')} extra={estate?.name}>
            <IntakeForm key={estateId} estateId={estateId} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <DeskQueue estateId={estateId} timeZone={estate?.timeZone} />
        </Col>
      </Row>
    </div>
  );
}
