/**
 * 导入房屋和住户 (spec 03 §6): the shared spreadsheet import with the template of sheets 房屋 and 住户;
 * it counts units, new buildings, residents and unit relations, and refreshes the structure and the
 * residents once imported.
 */
import { useQueryClient } from '@tanstack/react-query';
import type { ImportReport } from '@wuye/contracts';
import { App } from 'antd';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { SpreadsheetImportDialog } from '../../../shared/ui/SpreadsheetImportDialog';
import { importWorkbook, refreshStructure } from '../units.api';

export function ImportDialog({
  estateId,
  estateName,
  onClose,
}: {
  estateId: string;
  estateName?: string;
  onClose(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  return (
    <SpreadsheetImportDialog<ImportReport>
      title={estateName ? t('import.titleFor', { estate: estateName }) : t('import.title')}
      intro={t('import.intro')}
      templatePath={`/api/estates/${encodeURIComponent(estateId)}/import/template`}
      run={(file, dryRun) => importWorkbook(client, estateId, file, dryRun)}
      counts={(r) => [
        { label: t('import.units'), value: r.counts.units },
        { label: t('import.buildings'), value: r.counts.buildings },
        { label: t('import.residents'), value: r.counts.residents },
        { label: t('import.relations'), value: r.counts.relations },
      ]}
      onDone={(r) => {
        refreshStructure(client);
        void client.invalidateQueries({ queryKey: ['residents'] });
        message.success(
          t('import.done', {
            units: r.counts.units,
            residents: r.counts.residents,
            relations: r.counts.relations,
          }),
        );
      }}
      onClose={onClose}
    />
  );
}
