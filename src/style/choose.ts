import { statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { StyleProfile } from '../doc/docx/profile.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { LoadedSpec } from '../spec/load.js';
import { locate } from '../spec/locate.js';
import type { PlanSpec } from '../spec/schema.js';
import { isBuiltinStyle, loadStyle } from './resolve.js';

export interface LookOptions {
  /** Overrides the spec's `style`: a built-in name or an absolute path. */
  style?: string;
  /** Overrides the spec's `template`: an absolute folder. */
  templateFolder?: string;
  /** Overrides the spec's `draft`. */
  draft?: boolean | string;
  /** Absolute path of the spec: its `style:` and `template:` are relative to its folder. */
  specPath?: string;
}

export interface PlanLook {
  profile?: StyleProfile;
  templateFolder?: string;
  /** Watermark text, when the build is a draft. */
  draft?: string;
  diagnostics: Diagnostic[];
  /** Files the spec itself pointed at (a style file, a template folder): its output depends on them too. */
  dependencies: string[];
}

/** The mark of a review copy when the plan says only `draft: true`. */
export function defaultDraftText(lang: 'zh-CN' | 'en'): string {
  return lang === 'zh-CN' ? '征求意见稿' : 'DRAFT';
}

/**
 * How a plan looks: its style profile (built-in, a style file or a reference Word file), its template
 * folder and its draft mark, from the command line or else from the spec. Paths in a spec are relative
 * to the spec; a missing file is an error at the line that names it.
 */
export function choosePlanLook(spec: PlanSpec, loaded: LoadedSpec, options: LookOptions): PlanLook {
  const diagnostics: Diagnostic[] = [];
  const dependencies: string[] = [];
  const lang = spec.lang ?? 'zh-CN';
  const fallback = lang === 'zh-CN' ? 'official' : 'business';
  const specDir = options.specPath ? dirname(options.specPath) : process.cwd();
  const shownDir = dirname(loaded.file);
  const at = (key: string) => ({ file: loaded.file, ...locate(loaded, [key]) });

  let profile: StyleProfile | undefined;
  const styleValue = options.style ?? spec.style ?? fallback;
  if (isBuiltinStyle(styleValue)) {
    profile = loadStyle(styleValue, '', '', fallback).profile;
  } else {
    const fromSpec = options.style === undefined;
    const path = fromSpec ? resolve(specDir, styleValue) : styleValue;
    const shown = fromSpec && !isAbsolute(styleValue) ? join(shownDir, styleValue) : path;
    const result = loadStyle(styleValue, path, shown, fallback);
    if (fromSpec) dependencies.push(path);
    // A file that cannot be read is reported where the plan names it.
    diagnostics.push(
      ...result.diagnostics.map((d) => (fromSpec && d.line === 0 && d.code === 'style' ? { ...d, ...at('style') } : d)),
    );
    profile = result.profile;
  }

  let templateFolder = options.templateFolder;
  if (templateFolder === undefined && spec.template !== undefined) {
    templateFolder = resolve(specDir, spec.template);
    let isFolder = false;
    try {
      isFolder = statSync(templateFolder).isDirectory();
    } catch {
      // reported below
    }
    if (!isFolder)
      diagnostics.push({
        ...at('template'),
        severity: 'error',
        code: 'template',
        message: `template folder ${join(shownDir, spec.template)} does not exist (the path is relative to the plan)`,
      });
    dependencies.push(templateFolder);
  }

  const draftSetting = options.draft ?? spec.draft ?? false;
  const draft = draftSetting === false ? undefined : draftSetting === true ? defaultDraftText(lang) : draftSetting;
  return { profile, templateFolder, draft, diagnostics, dependencies };
}
