// What the native "leave this page?" question says. Electron shows nothing when a page's
// beforeunload handler asks to stay (it just cancels the close or reload), so the main process asks
// instead (main.ts, 'will-prevent-unload'). Plain data, no Electron import: unit-tested under Node.

export const LANGUAGES = ['zh-CN', 'en-US'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language the page shows (the renderer reports it, and every change of it), else the system's
 * as the renderer would pick it (any zh* → Simplified Chinese).
 */
export function promptLanguage(pageLanguage: Language | null, systemLocale: string): Language {
  if (pageLanguage) return pageLanguage;
  return systemLocale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US';
}

export type LeavePrompt = { title: string; message: string; detail: string; leave: string; stay: string };

/** Buttons in this order: index 0 leaves, index 1 stays (the default, and what Esc answers). */
export const LEAVE_PROMPT: Record<Language, LeavePrompt> = {
  'zh-CN': {
    title: '客户管家',
    message: '确定要离开此页面吗？',
    detail: '此页面还有未完成的事项（例如尚未确认已将恢复密钥保存在安全的地方）。现在离开，可能会丢失这些内容。',
    leave: '离开',
    stay: '留下',
  },
  'en-US': {
    title: 'Clientele',
    message: 'Leave this page?',
    detail: 'Something on this page is not finished yet (for example, you have not confirmed that you stored your recovery key). If you leave now, it may be lost.',
    leave: 'Leave',
    stay: 'Stay',
  },
};

export const LEAVE_BUTTON = 0;
export const STAY_BUTTON = 1;
