import type { ItemSpec } from './schema.js';

/** Tasks with an owner or a deadline, in the order of the plan (a parent before its sub-tasks). */
export function assignedTasks(list: Array<string | ItemSpec>): ItemSpec[] {
  return list.flatMap((item) =>
    typeof item === 'string' ? [] : [...(item.owner || item.due ? [item] : []), ...assignedTasks(item.items ?? [])],
  );
}
