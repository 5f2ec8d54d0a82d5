import { useTranslation } from 'react-i18next';
import type { PrintHeader } from '../../../../shared/api/print.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { instantText } from './print-format.ts';

/** The top of a document's first page: the shop's logo and name, the document's title, who printed it and when. */
export function DocumentHeader({ header, title, subtitle }: { header: PrintHeader; title: string; subtitle?: string }) {
  const { t } = useTranslation();
  return (
    <header className="doc-header">
      {header.logo ? <img className="doc-logo" src={header.logo} alt={t('print.logoAlt')} /> : null}
      <div>
        <div className="doc-shop">{header.shopName}</div>
        <h1 className="doc-title">{title}</h1>
        {subtitle ? <div>{subtitle}</div> : null}
      </div>
      <div className="doc-meta">
        <div>{t('print.printedBy', { name: header.printedBy })}</div>
        <div>{t('print.printedAt', { at: instantText(currentLanguage(), header.printedAt) })}</div>
      </div>
    </header>
  );
}
