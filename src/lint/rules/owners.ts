import type { SpecPath } from '../../spec/locate.js';
import type { ItemSpec } from '../../spec/schema.js';
import type { Finding, LintContext, LintRule } from '../rule.js';

interface Leaf {
  path: SpecPath;
  owner: boolean;
  due: boolean;
  label: string;
}

/** The tasks' leaves, each with the owner and deadline it has or inherits from the item above it. */
function leaves(list: Array<string | ItemSpec>, path: SpecPath, owner = false, due = false): Leaf[] {
  return list.flatMap((item, i): Leaf[] => {
    const at = [...path, i];
    if (typeof item === 'string') return [{ path: at, owner, due, label: item }];
    const o = owner || Boolean(item.owner);
    const d = due || Boolean(item.due);
    if (item.items?.length) return leaves(item.items, [...at, 'items'], o, d);
    return [
      { path: at, owner: o, due: d, label: item.title ?? (Array.isArray(item.text) ? item.text[0] : item.text) ?? '' },
    ];
  });
}

function gaps(ctx: LintContext, field: 'owner' | 'due'): Finding[] {
  const tasks = ctx.spec.tasks;
  if (!tasks) return [];
  const list = Array.isArray(tasks) ? tasks : tasks.items;
  const all = leaves(list, Array.isArray(tasks) ? ['tasks'] : ['tasks', 'items']);
  const have = all.filter((l) => l[field]).length;
  // "Most": more than half carry one. A plan where none or few do is a style, not a slip.
  if (have * 2 <= all.length || have === all.length) return [];
  const word = field === 'owner' ? 'an owner' : 'a deadline';
  return all
    .filter((l) => !l[field])
    .map((l) => ({
      path: l.path,
      message: `task "${l.label.slice(0, 24)}${l.label.length > 24 ? '…' : ''}" has no ${field === 'owner' ? 'owner' : 'deadline'} (${have} of ${all.length} tasks have ${word})`,
      hint:
        field === 'owner'
          ? 'add `owner:` (牵头单位), and `support:` for 配合单位'
          : 'add `due:` (YYYY-MM-DD, YYYY-MM or text)',
    }));
}

export const missingOwner: LintRule = {
  id: 'missing-owner',
  severity: 'warning',
  description: 'a task with no owner in a plan where most tasks have one',
  check: (ctx) => gaps(ctx, 'owner'),
};

export const missingDue: LintRule = {
  id: 'missing-due',
  severity: 'warning',
  description: 'a task with no deadline in a plan where most tasks have one',
  check: (ctx) => gaps(ctx, 'due'),
};
