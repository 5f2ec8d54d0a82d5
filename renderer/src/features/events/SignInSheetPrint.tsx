// The sign-in sheet (签到表) of one event, on A4: the print views' frame (PrintView: fonts, toolbar,
// running head, page numbers), the shop's header, then one row per invited customer who did not
// decline, by name, with an empty box for the signature. Long names wrap; nothing is cut.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignInSheet } from '../../../../shared/api/events.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { invoke } from '../../api/client.ts';
import { logError } from '../../app/errors.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { DocumentHeader } from '../print/DocumentHeader.tsx';
import { dayText } from '../print/print-format.ts';
import { PrintView } from '../print/PrintView.tsx';
import { eventTime } from './event-format.ts';

type Loaded = { state: 'loading' } | { state: 'failed'; error: AppError } | { state: 'ready'; data: SignInSheet };

/**
 * The sheet, asked for once per address (as every print view: not through the query cache, which
 * would ask again after any write, and each answer is a print in the audit log).
 */
function useSignInSheet(eventId: number): Loaded {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    setLoaded({ state: 'loading' });
    void invoke('events.signInSheet', { eventId }).then((result) => {
      if (!current) return;
      if (result.ok) setLoaded({ state: 'ready', data: result.value });
      else {
        logError(result.error);
        setLoaded({ state: 'failed', error: result.error });
      }
    });
    return () => {
      current = false;
    };
  }, [eventId]);
  return loaded;
}

const WRAP = { overflowWrap: 'anywhere' } as const;

function Sheet({ sheet }: { sheet: SignInSheet }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const e = sheet.event;
  const when = [dayText(lng, e.onDay), eventTime(e)].filter(Boolean).join(' ');
  return (
    <>
      <DocumentHeader header={sheet.header} title={`${t('print.eventSignIn.title')} · ${e.title}`} subtitle={[when, e.place].filter(Boolean).join(' · ')} />
      <p className="doc-muted">{t('print.eventSignIn.count', { n: sheet.rows.length })}</p>
      {sheet.rows.length === 0 ? (
        <p data-testid="sheet-empty">{t('print.eventSignIn.empty')}</p>
      ) : (
        <table className="doc-table sign-in-table">
          <colgroup>
            <col style={{ width: '6%' }} />
            <col style={{ width: '31%' }} />
            <col style={{ width: '14%' }} />
            <col style={{ width: '16%' }} />
            <col style={{ width: '13%' }} />
            <col style={{ width: '20%' }} />
          </colgroup>
          <thead>
            <tr>
              <th>{t('print.eventSignIn.no')}</th>
              <th>{t('print.eventSignIn.customer')}</th>
              <th>{t('print.eventSignIn.contact')}</th>
              <th>{t('print.eventSignIn.phone')}</th>
              <th>{t('print.eventSignIn.reply')}</th>
              <th>{t('print.eventSignIn.signature')}</th>
            </tr>
          </thead>
          <tbody>
            {sheet.rows.map((row, i) => (
              <tr key={`${row.customerCode}-${i}`} className="sign-in-row">
                <td>{i + 1}</td>
                <td style={WRAP}>
                  <div className="doc-strong">{row.customerName}</div>
                  <div className="doc-muted">{row.customerCode}</div>
                </td>
                <td style={WRAP}>{row.contactName}</td>
                <td style={WRAP}>{row.phone}</td>
                <td>{t(`invitations.replies.${row.reply}`)}</td>
                <td className="sign-cell">
                  <span className="sign-line" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {sheet.more ? <p className="doc-muted">{t('print.eventSignIn.more', { n: sheet.rows.length })}</p> : null}
    </>
  );
}

export function SignInSheetPrint({ eventId }: { eventId: number }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const loaded = useSignInSheet(eventId);
  const sheet = loaded.state === 'ready' ? loaded.data : null;
  const title = [t('print.eventSignIn.title'), sheet?.event.title ?? '', sheet?.event.onDay ?? ''].filter(Boolean).join(' ');
  return (
    <PrintView
      title={title}
      runningHead={[sheet?.header.shopName, t('print.eventSignIn.title'), sheet?.event.title, sheet ? dayText(lng, sheet.event.onDay) : ''].filter(Boolean).join(' · ')}
      backTo={{ name: 'event', id: eventId }}
      loaded={loaded}
    >
      {sheet ? <Sheet sheet={sheet} /> : null}
    </PrintView>
  );
}
