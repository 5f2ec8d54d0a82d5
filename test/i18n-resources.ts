// The renderer's texts as tests see them: the app's common file (renderer/src/i18n/<lng>.json) and
// every area's own (renderer/src/features/<area>/i18n/<lng>.json), read from disk so no test has to
// import the renderer's pages, and merged as the renderer merges them (renderer/src/i18n/merge.ts).
import fs from 'node:fs';
import path from 'node:path';
import type { Messages } from '../renderer/src/app/area.ts';
import type * as Areas from '../renderer/src/features/areas.ts';
import type commonEn from '../renderer/src/i18n/en-US.json';
import type commonZh from '../renderer/src/i18n/zh-CN.json';
import { mergeMessages } from '../renderer/src/i18n/merge.ts';

export const LANGUAGES = ['zh-CN', 'en-US'] as const;
export type Language = (typeof LANGUAGES)[number];

const ROOT = path.resolve(import.meta.dirname, '..');
export const RENDERER_SRC = path.join(ROOT, 'renderer/src');

/** One resource file: `area` is the feature folder's name, or `common` for renderer/src/i18n. */
export type ResourceFile = { area: string; file: string; messages: Messages };

export function resourceFiles(lng: Language): ResourceFile[] {
  const read = (area: string, file: string): ResourceFile => ({ area, file, messages: JSON.parse(fs.readFileSync(file, 'utf8')) as Messages }); // shape checked by test/unit/i18n.test.ts
  const areas = fs
    .readdirSync(path.join(RENDERER_SRC, 'features'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(RENDERER_SRC, 'features', entry.name, 'i18n')))
    .map((entry) => entry.name)
    .sort();
  return [
    read('common', path.join(RENDERER_SRC, 'i18n', `${lng}.json`)),
    ...areas.map((area) => read(area, path.join(RENDERER_SRC, 'features', area, 'i18n', `${lng}.json`))),
  ];
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
/** The texts' type, from the areas' own resource files (type-only: no page is loaded). */
type AreaTexts<L extends Language> = UnionToIntersection<(typeof Areas)[keyof typeof Areas]['i18n'][L]>;
export type EnTexts = typeof commonEn & AreaTexts<'en-US'>;
export type ZhTexts = typeof commonZh & AreaTexts<'zh-CN'>;

/** Reading a key no file defines throws, naming it, instead of putting "undefined" on the screen a spec looks for. */
function strict(tree: Messages, prefix: string): Messages {
  return new Proxy(tree, {
    get(target, key, receiver) {
      if (typeof key === 'symbol' || key === 'then' || key === 'toJSON') return Reflect.get(target, key, receiver);
      const value = target[key];
      if (value === undefined) throw new Error(`no message ${prefix}${key}`);
      return typeof value === 'string' ? value : strict(value, `${prefix}${key}.`);
    },
  });
}

/** Every text of `lng`, merged from all resource files. */
function loadTexts(lng: Language): Messages {
  const { messages, duplicates } = mergeMessages(resourceFiles(lng).map((file) => file.messages));
  if (duplicates.length > 0) throw new Error(`i18n ${lng}: defined in two files: ${duplicates.join(', ')}`);
  return strict(messages, '');
}

export const en = loadTexts('en-US') as EnTexts; // the files' own types, merged as loadTexts merges them
export const zh = loadTexts('zh-CN') as ZhTexts; // the files' own types, merged as loadTexts merges them

/** Plain merged texts for an i18next instance (which probes keys that need not exist, e.g. `_zero`). */
export function loadMessages(lng: Language): Messages {
  return mergeMessages(resourceFiles(lng).map((file) => file.messages)).messages;
}

export const resources = { 'zh-CN': { translation: loadMessages('zh-CN') }, 'en-US': { translation: loadMessages('en-US') } };
