// The print views; filled in as the print area's contract lands.
import { useTranslation } from 'react-i18next';

export function VisitSheetPrint({ query }: { query: string }) {
  const { t } = useTranslation();
  return <div data-query={query}>{t('print.visitSheet.title')}</div>;
}

export function CustomerProfilePrint({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  return <div data-customer-id={customerId}>{t('print.customerProfile.title')}</div>;
}

export function ServiceReportPrint({ recordId }: { recordId: number }) {
  const { t } = useTranslation();
  return <div data-record-id={recordId}>{t('print.serviceReport.title')}</div>;
}
