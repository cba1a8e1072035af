import type { Lang, Style } from '../core/types.js';
import type { NoticeModel } from './notice.js';

/**
 * What templates see: the spec with every label, default heading and derived figure computed. Every
 * field is present (null when absent) so Handlebars' strict mode can catch a misspelt field in a
 * template instead of rendering nothing.
 */
export interface PlanModel {
  lang: Lang;
  style: Style;
  /** The title on one line (typed line breaks joined). */
  title: string;
  /** The title as it is set: typed line breaks kept, a long official title broken at word boundaries (7.3.1). */
  titleLines: string[];
  subtitle: string | null;
  subtitleLines: string[];
  org: string | null;
  year: number | null;
  /** ISO date the plan was written, and as displayed. */
  date: string | null;
  dateText: string | null;
  preface: string[];
  sections: SectionModel[];
  /** Closing paragraphs after the last section (结束语). */
  closing: string[];
  attachments: AttachmentModel[];
  signature: { org: string | null; dateText: string | null } | null;
  /** The plan issued as an official notice (red header, 发文字号, 版记), or null. */
  notice: NoticeModel | null;
}

export type SectionKind =
  | 'guidance'
  | 'goals'
  | 'indicators'
  | 'results'
  | 'tasks'
  | 'measures'
  | 'schedule'
  | 'risks'
  | 'custom'
  | 'responsibilities';

export interface SectionModel {
  kind: SectionKind;
  /** Flags for templates, which may not call helpers with dynamic partial names. */
  is: Record<SectionKind, boolean>;
  label: string;
  heading: string;
  /** Markdown heading depth: 2 for a section. */
  depth: number;
  intro: string[];
  /** Numbered items: a task tree, or the narrative of an indicator table (after the table). */
  items: ItemModel[];
  goals: GoalModel[];
  table: TableModel | null;
}

export type ItemForm = 'heading' | 'runin' | 'plain';

export interface ItemModel {
  label: string;
  /** Outline level of the label (2 = （一）…); 0 for an ordinal run-in (一是). */
  level: number;
  /** Markdown heading depth when the item is a heading. */
  depth: number;
  form: ItemForm;
  isHeading: boolean;
  isRunin: boolean;
  title: string | null;
  /** Paragraphs; in a run-in item the first follows the title on the same line. */
  paragraphs: string[];
  /** （目标：…；牵头：…；时限：…） — figures, owner and deadline, already worded for the language. */
  meta: string | null;
  owner: string | null;
  due: string | null;
  items: ItemModel[];
}

export interface GoalModel {
  label: string;
  text: string;
  /** "（目标：30项，基数：20项，增长50.0%）" — derived figures worded for the language, or null. */
  figures: string | null;
}

export interface TableModel {
  header: string[];
  rows: string[][];
  /** Per column: 'left' | 'center' | 'right'. */
  align: Array<'left' | 'center' | 'right'>;
}

export interface AttachmentModel {
  /** 附件1 / 附件 / Attachment 1 */
  label: string;
  /** "1." when there are several, "" for one: the line in the 附件： note. */
  number: string;
  title: string;
  /** The title on the attachment page, broken as the document's title is. */
  titleLines: string[];
  hasBody: boolean;
  paragraphs: string[];
  items: ItemModel[];
  /** A table after the text: the responsibility table as an attachment (responsibilities.ts), else null. */
  table: TableModel | null;
}
