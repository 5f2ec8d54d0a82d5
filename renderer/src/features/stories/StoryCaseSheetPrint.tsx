// The case sheet (案例单): one success story on one A4 page, in the print views' layout
// (features/print). A customer who did not agree to be named ('no' / 'ask') is described by
// industry and region; the core leaves their name and code off the data altogether.
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSheet } from '../../../../shared/api/stories.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { DocumentHeader } from '../print/DocumentHeader.tsx';
import { PrintView, usePrintDocument } from '../print/PrintView.tsx';
import { dayText } from '../print/print-format.ts';

/** How the sheet names the customer: their name, or "a <industry> customer in <region>". */
export function customerDescription(t: TFunction, label: CaseSheet['customerLabel']): string {
  if (label.named) return label.name;
  const industry = label.industry.trim();
  const region = label.region.trim();
  if (industry && region) return t('stories.sheet.anonymousBoth', { industry, region });
  if (industry) return t('stories.sheet.anonymousIndustry', { industry });
  if (region) return t('stories.sheet.anonymousRegion', { region });
  return t('stories.sheet.anonymous');
}

function Block({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <h2 className="doc-section">{title}</h2>
      <p className="doc-pre">{children === '' ? t('common.none') : children}</p>
    </>
  );
}

function Sheet({ sheet }: { sheet: CaseSheet }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const { story } = sheet;
  const who = customerDescription(t, sheet.customerLabel);
  return (
    <>
      <DocumentHeader header={sheet} title={t('stories.sheet.title')} subtitle={`${story.title} · ${dayText(lng, story.storyOn)}`} />
      <table className="doc-table fields-table">
        <colgroup>
          <col style={{ width: '22%' }} />
          <col style={{ width: '78%' }} />
        </colgroup>
        <tbody>
          <tr>
            <th scope="row">{t('stories.sheet.customer')}</th>
            <td data-testid="case-sheet-customer">{who}</td>
          </tr>
          <tr>
            <th scope="row">{t('stories.fields.storyOn')}</th>
            <td>{dayText(lng, story.storyOn)}</td>
          </tr>
        </tbody>
      </table>
      <Block title={t('stories.fields.background')}>{story.background}</Block>
      <Block title={t('stories.fields.whatWeDid')}>{story.whatWeDid}</Block>
      <Block title={t('stories.fields.results')}>{story.results}</Block>
      {story.resultFigures.length > 0 ? (
        <table className="doc-table" aria-label={t('stories.fields.resultFigures')}>
          <thead>
            <tr>
              <th>{t('stories.figureLabel')}</th>
              <th>{t('stories.figureValue')}</th>
            </tr>
          </thead>
          <tbody>
            {story.resultFigures.map((f, i) => (
              <tr key={i}>
                <td>{f.label}</td>
                <td className="doc-strong">{f.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {story.files.length > 0 ? <p className="doc-muted">{t('stories.sheet.files', { names: story.files.map((f) => f.name).join(lng === 'zh-CN' ? '、' : ', ') })}</p> : null}
    </>
  );
}

export function StoryCaseSheetPrint({ id }: { id: number }) {
  const { t } = useTranslation();
  const loaded = usePrintDocument('stories.caseSheet', { id });
  const sheet = loaded.state === 'ready' ? loaded.data : null;
  const title = t('stories.sheet.title');
  return (
    <PrintView title={[title, sheet?.story.title].filter(Boolean).join(' ')} runningHead={[sheet?.shopName, title].filter(Boolean).join(' · ')} backTo={{ name: 'stories' }} loaded={loaded}>
      {sheet ? <Sheet sheet={sheet} /> : null}
    </PrintView>
  );
}
