// The customer profile sheet (客户档案): the customer's archive fields, contacts, grade and the
// latest entries of their timeline.
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerProfile } from '../../../../shared/api/print.ts';
import type { TimelineEntry } from '../../../../shared/api/timeline.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { DocumentHeader } from './DocumentHeader.tsx';
import { PrintView, usePrintDocument } from './PrintView.tsx';
import { parseLunarDate } from '../../../../shared/lunar-date.ts';
import { lunarDateIn } from '../../i18n/format.ts';
import { dayText, instantDay, instantText } from './print-format.ts';

type Customer = CustomerProfile['customer'];

/** Timeline titles that are codes, and where their words are. */
const CODED_TITLES: Partial<Record<TimelineEntry['kind'], string>> = { service: 'print.serviceKind', communication: 'print.channel', grade: 'customer.grades' };

function Fields({ rows }: { rows: [string, ReactNode, boolean?][] }) {
  // Two fields a line; a long one (`true`: the address, notes) has the line to itself.
  const lines: [string, ReactNode, boolean?][][] = [];
  for (const row of rows) {
    const last = lines.at(-1);
    if (!row[2] && last && last.length === 1 && !last[0]![2]) last.push(row);
    else lines.push([row]);
  }
  return (
    <table className="doc-table fields-table">
      <colgroup>
        <col style={{ width: '15%' }} />
        <col style={{ width: '35%' }} />
        <col style={{ width: '15%' }} />
        <col style={{ width: '35%' }} />
      </colgroup>
      <tbody>
        {lines.map((line) => (
          <tr key={line[0]![0]}>
            {line.map(([label, value, wide]) => (
              <FieldCells key={label} label={label} value={value} colSpan={wide || line.length === 1 ? 3 : 1} />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FieldCells({ label, value, colSpan }: { label: string; value: ReactNode; colSpan: number }) {
  const { t } = useTranslation();
  return (
    <>
      <th scope="row">{label}</th>
      <td colSpan={colSpan} className="doc-pre">
        {value === '' || value === null ? t('common.none') : value}
      </td>
    </>
  );
}

/** A birthday as the customer page shows it: 农历闰四月初三 / Lunar leap 4/3, or 1980年8月15日. */
function birthdayText(t: TFunction, customer: Customer): string {
  const lng = currentLanguage();
  if (customer.birthday === '') return '';
  const lunar = customer.birthdayCalendar === 'lunar' ? parseLunarDate(customer.birthday) : null;
  if (lunar) return lunarDateIn({ t, lng }, lunar);
  return /^\d{4}-\d{2}-\d{2}$/.test(customer.birthday) ? dayText(lng, customer.birthday) : customer.birthday;
}

function archiveRows(t: TFunction, customer: Customer): [string, ReactNode, boolean?][] {
  const lng = currentLanguage();
  return [
    [t('customer.kind'), t(`customer.kinds.${customer.kind}`)],
    [t('customer.code'), customer.code],
    [t('customer.grade'), t(`customer.grades.${customer.grade}`)],
    [t('customer.stage'), t(`customer.stages.${customer.stage}`)],
    [t('customer.industry'), customer.industry],
    [t('customer.region'), customer.region],
    [t('customer.address'), customer.address, true],
    [t('customer.phone'), customer.phone],
    [t('customer.email'), customer.email],
    [t('customer.website'), customer.website],
    [t('customer.source'), customer.source],
    [t('customer.size'), customer.size ? t(`customer.sizes.${customer.size}`) : ''],
    [t('customer.owner'), customer.ownerName ?? ''],
    [t('customer.birthday'), birthdayText(t, customer)],
    [t('customer.tags'), customer.tags.join(lng === 'zh-CN' ? '、' : ', ')],
    [t('customer.createdAt'), instantDay(lng, customer.createdAt)],
    [t('customer.notes'), customer.notes, true],
  ];
}

function Profile({ profile }: { profile: CustomerProfile }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const { customer } = profile;
  const titleOf = (entry: TimelineEntry) => {
    const words = CODED_TITLES[entry.kind];
    return words ? t(`${words}.${entry.title}`, { defaultValue: entry.title }) : entry.title;
  };
  return (
    <>
      <DocumentHeader header={profile} title={t('print.customerProfile.title')} subtitle={`${customer.name} · ${customer.code}`} />
      <h2 className="doc-section">{t('print.customerProfile.archive')}</h2>
      <Fields rows={[[t('customer.name'), customer.name, true], ...archiveRows(t, customer)]} />

      <h2 className="doc-section">{t('customer.contacts')}</h2>
      {customer.contacts.length === 0 ? (
        <p>{t('contact.none')}</p>
      ) : (
        <table className="doc-table">
          <colgroup>
            <col style={{ width: '15%' }} />
            <col style={{ width: '14%' }} />
            <col style={{ width: '16%' }} />
            <col style={{ width: '16%' }} />
            <col style={{ width: '25%' }} />
            <col style={{ width: '14%' }} />
          </colgroup>
          <thead>
            <tr>
              <th>{t('contact.name')}</th>
              <th>{t('contact.title')}</th>
              <th>{t('contact.mobile')}</th>
              <th>{t('contact.phone')}</th>
              <th>{t('contact.email')}</th>
              <th>{t('contact.wechat')}</th>
            </tr>
          </thead>
          <tbody>
            {customer.contacts.map((contact) => (
              <tr key={contact.id}>
                <td>
                  {contact.name}
                  {contact.decisionMaker ? <div className="doc-muted">{t('contact.decisionMaker')}</div> : null}
                </td>
                <td>{contact.title}</td>
                <td>{contact.mobile}</td>
                <td>{contact.phone}</td>
                <td>{contact.email}</td>
                <td>{contact.wechat}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {customer.gradeHistory.length > 0 ? (
        <>
          <h2 className="doc-section">{t('customer.gradeHistory')}</h2>
          <p>
            {customer.gradeHistory
              .map((change) => `${t(`customer.grades.${change.grade}`)} (${instantText(lng, change.at)}${change.byName ? `, ${change.byName}` : ''})`)
              .join(lng === 'zh-CN' ? '；' : '; ')}
          </p>
        </>
      ) : null}

      <h2 className="doc-section">{t('print.customerProfile.timeline')}</h2>
      {profile.timeline.length === 0 ? (
        <p>{t('print.customerProfile.noTimeline')}</p>
      ) : (
        <table className="doc-table">
          <colgroup>
            <col style={{ width: '17%' }} />
            <col style={{ width: '17%' }} />
            <col style={{ width: '19%' }} />
            <col style={{ width: '35%' }} />
            <col style={{ width: '12%' }} />
          </colgroup>
          <thead>
            <tr>
              <th>{t('print.customerProfile.when')}</th>
              <th>{t('print.customerProfile.kind')}</th>
              <th>{t('print.customerProfile.entryTitle')}</th>
              <th>{t('print.customerProfile.text')}</th>
              <th>{t('print.customerProfile.staff')}</th>
            </tr>
          </thead>
          <tbody>
            {profile.timeline.map((entry) => (
              <tr key={`${entry.kind}:${entry.refId}`}>
                <td>{instantText(lng, entry.at)}</td>
                <td>
                  {t(`print.timelineKind.${entry.kind}`)}
                  {entry.status === null ? null : <div className="doc-muted">{t(`print.entryStatus.${entry.status}`)}</div>}
                </td>
                <td>{titleOf(entry)}</td>
                <td className="doc-pre">{entry.text}</td>
                <td>{entry.staffName ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function CustomerProfilePrint({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const loaded = usePrintDocument('print.customerProfile', { customerId });
  const profile = loaded.state === 'ready' ? loaded.data : null;
  const name = profile?.customer.name ?? '';
  return (
    <PrintView
      title={[t('print.customerProfile.title'), name].filter(Boolean).join(' ')}
      runningHead={[profile?.shopName, t('print.customerProfile.title'), name && `${name} (${profile?.customer.code ?? ''})`].filter(Boolean).join(' · ')}
      backTo={{ name: 'customer', id: customerId }}
      loaded={loaded}
    >
      {profile ? <Profile profile={profile} /> : null}
    </PrintView>
  );
}
