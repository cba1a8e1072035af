import { Header, Paragraph } from 'docx';
import { TextWatermark } from 'docx/watermarks';
import type { StyleProfile } from './profile.js';

/**
 * Headers that carry a diagonal watermark, as Word's Design › Watermark makes it (a WordArt shape in
 * the header, behind the text), so Word can remove it with the same command. Both the default and the
 * even-page header when the profile alternates footers, or even pages would go unmarked.
 */
export function draftHeaders(text: string, profile: StyleProfile): { default: Header; even?: Header } {
  const header = () =>
    new Header({
      children: [
        new Paragraph({
          children: [
            new TextWatermark({
              text,
              font: /[^\u0000-\u024F]/.test(text) ? profile.body.font.eastAsia : profile.body.font.latin,
              color: 'C0C0C0',
              opacity: 0.5,
            }),
          ],
        }),
      ],
    });
  return profile.footer.kind === 'official' ? { default: header(), even: header() } : { default: header() };
}

/** The `docx` package names each watermark shape with a random id: number them, so builds are reproducible. */
export function stableWatermarkIds(xml: string): string {
  let n = 0;
  return xml.replace(/PowerPlusWaterMarkObject[0-9A-Za-z_-]+/g, () => `PowerPlusWaterMarkObject${++n}`);
}
