import { ShadingType } from 'docx';
import { GANTT_MARK } from '../../model/gantt.js';

/**
 * A Gantt chart's month cell is shaded; the mark stays in it, so readers that drop shading (pandoc)
 * still show the chart.
 */
export function cellShading(
  text: string,
): { fill: string; type: (typeof ShadingType)['CLEAR']; color: string } | undefined {
  return text === GANTT_MARK ? { fill: 'A6A6A6', type: ShadingType.CLEAR, color: 'auto' } : undefined;
}

/**
 * A Gantt chart's month column: marks and blanks. Its marks need no slack for wide fallback fonts (the
 * mark is one character); with it, twelve months left the official stage names five characters.
 */
export function isMarkColumn(cells: string[]): boolean {
  return cells.includes(GANTT_MARK) && cells.every((c) => c === '' || c === GANTT_MARK);
}
