import type { Area } from '../../app/area.ts';
import { IMPORT_KINDS, type ImportKind } from '../../../../shared/api/imports.ts';
import { ImportHistoryPage } from './ImportHistoryPage.tsx';
import { ImportWizardPage } from './ImportWizardPage.tsx';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

declare module '../../app/router.ts' {
  interface RouteParams {
    /** `kind`: what the file's rows become (shared/api/imports.ts IMPORT_KINDS). */
    importWizard: { kind: string };
    importHistory: object;
  }
}

const isKind = (kind: string): kind is ImportKind => (IMPORT_KINDS as readonly string[]).includes(kind);

export const area = {
  id: 'imports',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: [
    {
      name: 'importWizard',
      paths: ['import/:kind'],
      permission: 'data.import',
      nav: 'customers',
      // Another word after `import/` is "not found", not a wizard for nothing.
      accepts: (route) => isKind(route.kind),
      // A new kind starts a new wizard (its own fields and steps from the start).
      render: (route) => (isKind(route.kind) ? <ImportWizardPage key={route.kind} kind={route.kind} /> : null),
    },
    { name: 'importHistory', paths: ['imports'], permission: 'data.import', nav: 'customers', render: () => <ImportHistoryPage /> },
  ],
} satisfies Area;
