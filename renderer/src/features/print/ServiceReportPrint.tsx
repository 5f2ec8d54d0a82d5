// The service report (服务报告): one service (or communication) record with its customer, for the
// customer to sign: what was done, the result, their feedback, and lines for both signatures.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceReport } from '../../../../shared/api/print.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { DocumentHeader } from './DocumentHeader.tsx';
import { PrintView, usePrintDocument } from './PrintView.tsx';
import { dayText, instantText } from './print-format.ts';

function Row({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  const empty = children === '' || children === null || children === undefined;
  return (
    <tr>
      <th scope="row">{label}</th>
      <td className="doc-pre">
        {empty ? t('common.none') : children}
      </td>
    </tr>
  );
}

/** A label column and a value column. */
function FieldColumns() {
  return (
    <colgroup>
      <col style={{ width: '22%' }} />
      <col style={{ width: '78%' }} />
    </colgroup>
  );
}

function Report({ report }: { report: ServiceReport }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const { record, customer } = report;
  const service = record.kind === 'service';
  const contract = record.contractNumber ? `${record.contractNumber}${record.contractTitle ? ` ${record.contractTitle}` : ''}` : '';
  return (
    <>
      <DocumentHeader header={report} title={t(service ? 'print.serviceReport.title' : 'print.serviceReport.communicationTitle')} subtitle={`${customer.name} · ${instantText(lng, record.at)}`} />
      <h2 className="doc-section">{t('print.serviceReport.customer')}</h2>
      <table className="doc-table fields-table">
        <FieldColumns />
        <tbody>
          <Row label={t('customer.name')}>
            {customer.name}
          </Row>
          <Row label={t('customer.code')}>{customer.code}</Row>
          <Row label={t('customer.address')}>
            {customer.address}
          </Row>
          <Row label={t('customer.phone')}>{customer.phone}</Row>
        </tbody>
      </table>

      <h2 className="doc-section">{t(service ? 'print.serviceReport.service' : 'print.serviceReport.communication')}</h2>
      <table className="doc-table fields-table">
        <FieldColumns />
        <tbody>
          <Row label={t('print.serviceReport.at')}>{instantText(lng, record.at)}</Row>
          <Row label={t('print.serviceReport.staff')}>{record.staffName ?? ''}</Row>
          {service ? (
            <>
              <Row label={t('print.serviceReport.phase')}>{record.phase ? t(`print.phase.${record.phase}`) : ''}</Row>
              <Row label={t('print.serviceReport.serviceKind')}>{record.serviceKind ? t(`print.serviceKind.${record.serviceKind}`) : ''}</Row>
              <Row label={t('print.serviceReport.duration')}>{record.durationMinutes === null ? '' : t('print.serviceReport.minutes', { count: record.durationMinutes })}</Row>
              <Row label={t('print.serviceReport.status')}>{record.status ? t(`print.entryStatus.${record.status}`) : ''}</Row>
              <Row label={t('print.serviceReport.contract')}>
                {contract}
              </Row>
            </>
          ) : (
            <>
              <Row label={t('print.serviceReport.channel')}>{record.channel ? t(`print.channel.${record.channel}`) : ''}</Row>
              <Row label={t('print.serviceReport.participants')}>
                {record.participants.join(lng === 'zh-CN' ? '、' : ', ')}
              </Row>
            </>
          )}
          <Row label={t('print.serviceReport.content')}>
            {record.content}
          </Row>
          {service ? (
            <>
              <Row label={t('print.serviceReport.result')}>
                {record.result}
              </Row>
              <Row label={t('print.serviceReport.feedback')}>
                {record.feedback}
              </Row>
            </>
          ) : (
            <>
              <Row label={t('print.serviceReport.agreements')}>
                {record.agreements}
              </Row>
              <Row label={t('print.serviceReport.followUp')}>{record.followUpOn ? dayText(lng, record.followUpOn) : ''}</Row>
            </>
          )}
        </tbody>
      </table>

      <section className="signature-block" aria-label={t('print.serviceReport.signatures')}>
        <div>
          <div className="doc-strong">{t('print.serviceReport.customerSignature')}</div>
          <span className="sign-line" />
          <div className="sign-date">
            {t('print.serviceReport.signDate')}
            <span className="date-line" />
          </div>
        </div>
        <div>
          <div className="doc-strong">{t('print.serviceReport.staffSignature')}</div>
          <span className="sign-line" />
          <div className="sign-date">
            {t('print.serviceReport.signDate')}
            <span className="date-line" />
          </div>
        </div>
      </section>
    </>
  );
}

export function ServiceReportPrint({ recordId }: { recordId: number }) {
  const { t } = useTranslation();
  const loaded = usePrintDocument('print.serviceReport', { recordId });
  const report = loaded.state === 'ready' ? loaded.data : null;
  const title = t(report?.record.kind === 'communication' ? 'print.serviceReport.communicationTitle' : 'print.serviceReport.title');
  const name = report?.customer.name ?? '';
  return (
    <PrintView
      title={[title, name].filter(Boolean).join(' ')}
      runningHead={[report?.shopName, title, name].filter(Boolean).join(' · ')}
      backTo={{ name: 'service' }}
      loaded={loaded}
   >
      {report ? <Report report={report} /> : null}
    </PrintView>
  );
}
