// The renderer's texts: every area's resource files agree between the languages, every key the
// code asks for exists, every key is asked for somewhere, and no JSX puts a literal word on screen.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { Messages } from '../../renderer/src/app/area.ts';
import { LANGUAGES, RENDERER_SRC, resourceFiles, type Language } from '../i18n-resources.ts';
import { mergeMessages } from '../../renderer/src/i18n/merge.ts';

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Dotted key → text, for every leaf of a resource tree. */
function leaves(tree: Messages, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'object' && value !== null) for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
    else out.set(`${prefix}${key}`, value);
  }
  return out;
}

/** Keys as the code names them: plural forms (`count_one`, `count_other`) are one key, `count`. */
const base = (key: string) => key.replace(PLURAL, '');
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

const files = Object.fromEntries(LANGUAGES.map((lng) => [lng, resourceFiles(lng)])) as Record<Language, ReturnType<typeof resourceFiles>>;
const areas = files['en-US'].map((file) => file.area);

function sourceFiles(dir: string): string[] {
  return fs.globSync('**/*.{ts,tsx}', { cwd: dir }).map((file) => path.join(dir, file));
}
const sources = sourceFiles(RENDERER_SRC).map((file) => ({ file: path.relative(RENDERER_SRC, file), text: fs.readFileSync(file, 'utf8') }));

describe('i18n resources', () => {
  it('every area has both languages', () => {
    for (const lng of LANGUAGES) expect(files[lng].map((file) => file.area), lng).toEqual(areas);
  });

  for (const area of areas) {
    it(`${area}: zh-CN and en-US have the same keys, texts and {{placeholders}}`, () => {
      const [zh, en] = LANGUAGES.map((lng) => leaves(files[lng].find((file) => file.area === area)?.messages ?? {}));
      if (!zh || !en) throw new Error('two languages expected');
      for (const [lng, texts] of [['zh-CN', zh], ['en-US', en]] as const) {
        for (const [key, text] of texts) expect(typeof text === 'string' && text.trim() !== '', `${lng} ${key} is a text`).toBe(true);
      }
      const bases = (texts: Map<string, unknown>) => [...new Set([...texts.keys()].map(base))].sort();
      expect(bases(en), `${area}: keys only one language has`).toEqual(bases(zh));
      for (const key of bases(en)) {
        const forms = (texts: Map<string, unknown>) => [...texts].filter(([k]) => base(k) === key).flatMap(([, text]) => placeholders(String(text)));
        expect([...new Set(forms(zh))], `${area}: ${key} placeholders`).toEqual([...new Set(forms(en))]);
      }
    });

    it(`${area}: plural keys have every form each language needs`, () => {
      for (const lng of LANGUAGES) {
        const keys = [...leaves(files[lng].find((file) => file.area === area)?.messages ?? {}).keys()];
        const needed = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
        for (const plural of new Set(keys.filter((key) => PLURAL.test(key)).map(base))) {
          for (const category of needed) expect(keys, `${lng}: ${plural}_${category}`).toContain(`${plural}_${category}`);
        }
      }
    });
  }

  it('no key is defined in two files', () => {
    for (const lng of LANGUAGES) expect(mergeMessages(files[lng].map((file) => file.messages)).duplicates, lng).toEqual([]);
  });

  it('every resource folder belongs to an area in features/areas.ts that loads both files', () => {
    const list = fs.readFileSync(path.join(RENDERER_SRC, 'features/areas.ts'), 'utf8');
    for (const area of areas.filter((name) => name !== 'common')) {
      expect(list, `features/areas.ts lists ${area}`).toMatch(new RegExp(`from '\\./${area}/area\\.tsx?';`));
      const file = ['area.ts', 'area.tsx'].map((name) => path.join(RENDERER_SRC, 'features', area, name)).find((name) => fs.existsSync(name));
      if (!file) throw new Error(`features/${area}/area.ts(x) is missing`);
      const text = fs.readFileSync(file, 'utf8');
      for (const lng of LANGUAGES) expect(text, `${area} loads ${lng}`).toContain(`from './i18n/${lng}.json'`);
    }
  });
});

describe('i18n keys in the code', () => {
  const merged = mergeMessages(files['en-US'].map((file) => file.messages)).messages;
  const keys = new Set([...leaves(merged).keys()].map(base));
  const groups = new Set([...keys].flatMap((key) => key.split('.').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('.'))));

  /** `t('a.b')`, `i18nKey="a.b"`, `labelKey: 'a.b'`, `messageKey="a.b"`: keys the code names outright. */
  const named = sources.flatMap(({ file, text }) =>
    [...text.matchAll(/\bt\(\s*'([^'$]+)'|\bt\(\s*"([^"$]+)"|\b\w*[kK]ey(?:=|:\s*)["']([a-zA-Z][\w-]*(?:\.[\w-]+)+)["']/g)].map((m) => ({
      file,
      key: m[1] ?? m[2] ?? m[3] ?? '',
    })),
  );
  /** `t(`a.b.${x}`)`: the group `a.b` must exist. */
  const groupsNamed = sources.flatMap(({ file, text }) =>
    [...text.matchAll(/(?:\bt\(\s*|i18nKey=\{)`([a-zA-Z]\w*(?:\.\w+)*)\.\$\{/g)].map((m) => ({ file, prefix: m[1] ?? '' })),
  );
  /** Any template that builds a dotted name (`nav.${id}` handed to t() later): keys under it count as used. */
  const prefixes = new Set(sources.flatMap(({ text }) => [...text.matchAll(/`([a-zA-Z]\w*(?:\.\w+)*)\.\$\{/g)].map((m) => m[1] ?? '')));

  it('finds the keys it checks (the scan itself works)', () => {
    expect(named.length).toBeGreaterThan(300);
    expect(groupsNamed.map((p) => p.prefix)).toContain('errors');
  });

  it('every key the code names exists', () => {
    expect(named.filter(({ key }) => !keys.has(key)).map(({ file, key }) => `${file}: ${key}`)).toEqual([]);
  });

  it('every key group the code builds keys in exists', () => {
    expect(groupsNamed.filter(({ prefix }) => !groups.has(prefix)).map(({ file, prefix }) => `${file}: ${prefix}.*`)).toEqual([]);
  });

  it('every key is used: named in the code as a literal, or inside a group the code builds keys in', () => {
    const literals = new Set(sources.flatMap(({ text }) => [...text.matchAll(/['"]([a-zA-Z][\w-]*(?:\.[\w-]+)+)['"]/g)].map((m) => m[1])));
    const used = (key: string) => literals.has(key) || key.split('.').some((_, i, parts) => prefixes.has(parts.slice(0, i).join('.')));
    expect([...keys].filter((key) => !used(key))).toEqual([]);
  });
});

/**
 * Words on screen come from the resources. Allowed as they are: names that are the same in every
 * language (an algorithm's name), each listed with the reason.
 */
const LITERAL_TEXT_ALLOWED = new Set([
  'SHA-256', // the checksum's name, shown beside the value in the backup panels
]);
/** Attributes whose text the user sees or hears. */
const VISIBLE_ATTRIBUTES = new Set(['label', 'title', 'placeholder', 'aria-label', 'helperText', 'alt', 'aria-description', 'aria-valuetext', 'aria-roledescription']);

function literalTexts(file: string, text: string): string[] {
  const found: string[] = [];
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const words = (value: string) => /\p{L}/u.test(value) && !LITERAL_TEXT_ALLOWED.has(value.trim());
  const at = (node: ts.Node, value: string) => `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${JSON.stringify(value.trim())}`;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && words(node.text)) found.push(at(node, node.text));
    if (ts.isJsxAttribute(node) && VISIBLE_ATTRIBUTES.has(node.name.getText(source))) {
      const value = node.initializer;
      const literal = value && ts.isJsxExpression(value) ? value.expression : value;
      if (literal && (ts.isStringLiteral(literal) || ts.isNoSubstitutionTemplateLiteral(literal)) && words(literal.text)) found.push(at(node, literal.text));
    }
    // `{'text'}` as a child
    if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      const child = node.expression;
      if ((ts.isStringLiteral(child) || ts.isNoSubstitutionTemplateLiteral(child)) && words(child.text)) found.push(at(node, child.text));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('no hard-coded words in JSX', () => {
  it('catches a literal word between tags and in a visible attribute (the scan itself works)', () => {
    const sample = 'export const A = () => <div title="Hello"><b>客户</b>{"Save"}{t("x")} {count} SHA-256 <i aria-hidden>·</i></div>;';
    expect(literalTexts('sample.tsx', sample)).toEqual(['sample.tsx:1: "Hello"', 'sample.tsx:1: "客户"', 'sample.tsx:1: "Save"']);
  });

  it('no .tsx file in the renderer has one', () => {
    const found = sources.filter(({ file }) => file.endsWith('.tsx')).flatMap(({ file, text }) => literalTexts(file, text));
    expect(found).toEqual([]);
  });
});
