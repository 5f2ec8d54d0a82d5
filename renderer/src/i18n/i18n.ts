import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Area } from '../app/area.ts';
import enUS from './en-US.json';
import { mergeMessages } from './merge.ts';
import zhCN from './zh-CN.json';

export const LANGUAGES = ['zh-CN', 'en-US'] as const;
export type Language = (typeof LANGUAGES)[number];

const LANGUAGE_KEY = 'clientele.language';

function isLanguage(value: string | null): value is Language {
  return value !== null && (LANGUAGES as readonly string[]).includes(value);
}

/** The remembered choice wins; otherwise the system language (any zh* → Simplified Chinese). */
function initialLanguage(): Language {
  const stored = localStorage.getItem(LANGUAGE_KEY);
  if (isLanguage(stored)) return stored;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US';
}

/** The page shows `lng`: the document says so, and the Electron shell asks its native questions in it. */
function announce(lng: Language): void {
  document.documentElement.lang = lng;
  window.clientele?.setLanguage?.(lng);
}

/** The texts of `lng`: the app's common ones (./<lng>.json) and every area's own. */
function messagesOf(lng: Language, areas: readonly Area[]) {
  const common = lng === 'zh-CN' ? zhCN : enUS;
  const { messages, duplicates } = mergeMessages([common, ...areas.map((area) => area.i18n[lng])]);
  // test/unit/i18n.test.ts fails on these; say so in the console too rather than guess quietly.
  if (duplicates.length > 0) console.error(`i18n: ${lng}: defined twice: ${duplicates.join(', ')}`);
  return messages;
}

export async function initI18n(areas: readonly Area[]): Promise<void> {
  const lng = initialLanguage();
  announce(lng);
  await i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: messagesOf('zh-CN', areas) }, 'en-US': { translation: messagesOf('en-US', areas) } },
    lng,
    fallbackLng: false,
    // React escapes text itself.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}

export async function setLanguage(lng: Language): Promise<void> {
  localStorage.setItem(LANGUAGE_KEY, lng);
  announce(lng);
  await i18next.changeLanguage(lng);
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'en-US';
}
