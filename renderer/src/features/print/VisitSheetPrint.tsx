// The visit sheet (拜访单): one staff member's (or the whole shop's) visits of a day or a week, to
// take along: time, customer and address, contact and phone, purpose and what came of the last
// visit, an empty box for the result and a line for the customer's signature.
import { Fragment, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { localDay } from '../../../../shared/contract-status.ts';
import type { VisitSheet, VisitSheetLine } from '../../../../shared/api/print.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { DocumentHeader } from './DocumentHeader.tsx';
import { PrintView, usePrintDocument } from './PrintView.tsx';
import { clip, dayText, dayWithWeekday, daysText, sheetInput, timeRange } from './print-format.ts';

/** How much of a visit's agenda the sheet carries. */
const AGENDA_CHARS = 200;

function VisitRow({ visit, showStaff }: { visit: VisitSheetLine; showStaff: boolean }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  return (
    <tr className="visit-row" data-visit-id={visit.id}>
      <td>
        <div className="doc-strong">{timeRange(visit.startMinute, visit.durationMinutes)}</div>
        {visit.status === 'planned' ? null : <div className="doc-muted">{t(`print.entryStatus.${visit.status}`)}</div>}
        {showStaff ? <div className="doc-muted">{visit.staffName}</div> : null}
      </td>
      <td>
        <div className="doc-strong">{visit.customerName}</div>
        <div className="doc-muted">{visit.customerCode}</div>
        <div>{visit.address}</div>
      </td>
      <td>
        <div>{visit.contactName || t('common.none')}</div>
        {visit.contactPhone ? <div>{visit.contactPhone}</div> : null}
      </td>
      <td>
        <div className="doc-strong">{visit.purpose}</div>
        {visit.agenda ? <div className="doc-pre">{clip(visit.agenda, AGENDA_CHARS)}</div> : null}
        {visit.lastVisitNote ? (
          <div className="doc-muted">
            {t('print.visitSheet.lastVisit', { day: dayText(lng, visit.lastVisitNote.onDay), note: visit.lastVisitNote.outcome })}
          </div>
        ) : null}
      </td>
      <td className="result-box" />
      <td className="sign-cell">
        <span className="sign-line" />
      </td>
    </tr>
  );
}

function Sheet({ sheet }: { sheet: VisitSheet }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const days = useMemo(() => {
    const byDay = new Map<string, VisitSheetLine[]>();
    for (const visit of sheet.visits) byDay.set(visit.onDay, [...(byDay.get(visit.onDay) ?? []), visit]);
    return [...byDay];
  }, [sheet.visits]);
  const whose = sheet.staff ? sheet.staff.name : t('print.visitSheet.wholeShop');
  return (
    <>
      <DocumentHeader header={sheet} title={t('print.visitSheet.title')} subtitle={`${whose} · ${daysText(lng, sheet.from, sheet.to)}`} />
      {sheet.visits.length === 0 ? (
        <p data-testid="sheet-empty">{sheet.from === sheet.to ? t('print.visitSheet.emptyDay') : t('print.visitSheet.empty')}</p>
      ) : (
        <table className="doc-table visit-table">
          <colgroup>
            <col style={{ width: '9%' }} />
            <col style={{ width: '24%' }} />
            <col style={{ width: '15%' }} />
            <col style={{ width: '23%' }} />
            <col style={{ width: '16%' }} />
            <col style={{ width: '13%' }} />
          </colgroup>
          <thead>
            <tr>
              <th>{t('print.visitSheet.time')}</th>
              <th>{t('print.visitSheet.customer')}</th>
              <th>{t('print.visitSheet.contact')}</th>
              <th>{t('print.visitSheet.purpose')}</th>
              <th>{t('print.visitSheet.result')}</th>
              <th>{t('print.visitSheet.signature')}</th>
            </tr>
          </thead>
          <tbody>
            {days.map(([day, visits]) => (
              <Fragment key={day}>
                <tr className="day-row">
                  <td colSpan={6}>
                    {dayWithWeekday(lng, day)} · {t('print.visitSheet.visitCount', { count: visits.length })}
                  </td>
                </tr>
                {visits.map((visit) => (
                  <VisitRow key={visit.id} visit={visit} showStaff={sheet.staff === null} />
                ))}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      {sheet.more ? <p className="doc-muted">{t('print.visitSheet.more', { count: sheet.visits.length })}</p> : null}
    </>
  );
}

export function VisitSheetPrint({ query }: { query: string }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const { input, error } = useMemo(() => sheetInput(query, localDay(Date.now())), [query]);
  const loaded = usePrintDocument('print.visitSheet', input, error);
  const sheet = loaded.state === 'ready' ? loaded.data : null;
  const whose = sheet ? (sheet.staff ? sheet.staff.name : t('print.visitSheet.wholeShop')) : '';
  const days = input ? daysText(lng, input.from, input.to) : '';
  const title = [t('print.visitSheet.title'), whose, input ? (input.from === input.to ? input.from : `${input.from}_${input.to}`) : ''].filter(Boolean).join(' ');
  return (
    <PrintView
      title={title}
      runningHead={[sheet?.shopName, t('print.visitSheet.title'), whose, days].filter(Boolean).join(' · ')}
      backTo={{ name: 'visits' }}
      loaded={loaded}
      // The route needs the print right, so a refusal here is the staff scope: another's sheet or the whole shop's.
      failureText={(failure) => (failure.code === 'FORBIDDEN' ? t('print.visitSheet.onlyOwn') : null)}
    >
      {sheet ? <Sheet sheet={sheet} /> : null}
    </PrintView>
  );
}
