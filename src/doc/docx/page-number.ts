import { AlignmentType, Footer, LineRuleType, PageNumber, Paragraph, TextRun } from 'docx';
import type { StyleProfile } from './profile.js';

/**
 * Footers for a house page-number format from a style file (`第{page}页` at the centre, `- {page} -`
 * at the outside edge …). Undefined for the two built-in looks, which build.ts draws itself.
 */
export function houseFooters(profile: StyleProfile): { default: Footer; even?: Footer } | undefined {
  const { format, position } = profile.footer;
  if (format === undefined || position === undefined) return undefined;
  const style = profile.footer.style;
  const parts = format.split('{page}');
  const children = parts.flatMap((text, i) => (i === 0 ? [text] : [PageNumber.CURRENT, text])).filter((c) => c !== '');
  const footer = (side: 'left' | 'right' | 'center') =>
    new Footer({
      children: [
        new Paragraph({
          alignment:
            side === 'center' ? AlignmentType.CENTER : side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
          indent:
            side === 'right'
              ? { right: profile.footer.edgeIndent }
              : side === 'left'
                ? { left: profile.footer.edgeIndent }
                : undefined,
          spacing: { line: style.size * 10, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
          children: [
            new TextRun({
              font: { ascii: style.font.latin, hAnsi: style.font.latin, eastAsia: style.font.eastAsia },
              size: style.size,
              bold: style.bold,
              color: style.color,
              children,
            }),
          ],
        }),
      ],
    });
  // Outside: odd pages at the right, even at the left (the profile turns on evenAndOddHeaders).
  if (position === 'outside') return { default: footer('right'), even: footer('left') };
  return { default: footer(position) };
}
