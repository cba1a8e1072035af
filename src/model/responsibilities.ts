import type { Lang } from '../core/types.js';
import { assignedTasks } from '../spec/assigned.js';
import type { PlanSpec } from '../spec/schema.js';
import { formatDate } from './format.js';
import type { TableModel } from './model.js';
import { dropEmptyColumns } from './table.js';

/**
 * The responsibility table (责任分工): one row for every task, at any depth of `tasks`, that names an
 * owner (牵头单位) or a deadline (完成时限); `support` is the 配合单位. A task without either is left out,
 * and a row does not inherit its parent's owner: the table lists what the plan itself assigns.
 */
const WORDS: Record<Lang, { header: string[]; section: string; attachment: string }> = {
  'zh-CN': {
    header: ['序号', '工作任务', '牵头单位', '配合单位', '完成时限'],
    section: '责任分工',
    attachment: '重点工作责任分工表',
  },
  en: {
    header: ['No.', 'Task', 'Lead', 'Support', 'Due'],
    section: 'Responsibilities',
    attachment: 'Responsibilities',
  },
};

export interface Responsibilities {
  /** The section heading, or the attachment's title. */
  heading: string;
  asAttachment: boolean;
  table: TableModel;
}

/** Where the table goes and what it holds, or null when the plan does not ask for it. */
export function responsibilities(
  lang: Lang,
  spec: PlanSpec,
  paragraphs: (text: string | string[] | undefined) => string[],
): Responsibilities | null {
  const asked = spec.responsibilities;
  if (!asked) return null;
  const full = asked === true ? {} : asked;
  const asAttachment = full.as === 'attachment';
  const words = WORDS[lang];
  const tasks = spec.tasks === undefined ? [] : Array.isArray(spec.tasks) ? spec.tasks : spec.tasks.items;
  const rows = assignedTasks(tasks).map((task, i) => [
    String(i + 1),
    task.title?.trim() || (paragraphs(task.text)[0] ?? ''),
    task.owner ?? '',
    task.support ?? '',
    task.due ? formatDate(lang, task.due) : '',
  ]);
  return {
    heading: full.heading ?? (asAttachment ? words.attachment : words.section),
    asAttachment,
    table: dropEmptyColumns(words.header, rows, ['center', 'left', 'left', 'left', 'center'], [0, 1, 2, 4]),
  };
}
