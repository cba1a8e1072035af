import { Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { BlockSpec, ParagraphSpec, RunSpec, TableCellSpec, TableRowSpec, TableSpec } from './blocks.js';
import { escapeXml } from './xmlable.js';

/**
 * Text no option holds and the XML escaping leaves as it is: what stands for a component's content when
 * the `docx` package writes the component, so that its XML splits into what comes before and after.
 */
export const MARK = '\uE000plangen\uE001';

const MEMO_LIMIT = 4096;

/** A component's XML around its content (its text, runs, rows, cells or paragraphs). */
type Pieces = readonly [before: string, after: string];

/** Thrown inside the writer for what it does not write; `BodyWriter.blocks` then gives undefined. */
class Unsupported extends Error {}

/**
 * document.xml's body from the block descriptions (blocks.ts) without building the `docx` package's
 * objects for every run and paragraph. Each distinct set of options is written once by the package
 * itself (`xmlOf`: its formatter and stringifier), with MARK as the content, and the XML either side of
 * the mark is kept: a run is then `before + escaped text + after`, a paragraph `before + runs + after`,
 * and so on up to tables. The package stays the definition of every property's XML; what this writer
 * assumes is only that a component's content sits between those two pieces, which pack.ts checks against
 * the package's whole-document output for the first document of every frame, and tests/pack.test.ts for
 * every example, preset, seed and generated plan.
 *
 * Not written here (undefined, and the caller uses the package): hyperlinks (they add relationships),
 * cells without an explicit width or spanning rows or columns (the table rewrites those), empty cells.
 */
export class BodyWriter {
  private readonly runs = new Map<string, Pieces>();
  private readonly paragraphs = new Map<string, Pieces>();
  private readonly tables = new Map<string, Pieces>();
  private readonly rows = new Map<string, Pieces>();
  private readonly cells = new Map<string, Pieces>();

  constructor(private readonly xmlOf: (component: object) => string) {}

  /** The XML of the blocks in order, or undefined when one of them is not something this writer writes. */
  blocks(blocks: readonly BlockSpec[]): string[] | undefined {
    try {
      return blocks.map((block) => (block.kind === 'paragraph' ? this.paragraph(block) : this.table(block)));
    } catch (error) {
      if (error instanceof Unsupported) return undefined;
      throw error;
    }
  }

  /** A paragraph of one run whose text is `text` (pack.ts puts one in each section to find its place), or undefined. */
  markParagraph(text: string): string | undefined {
    return this.blocks([{ kind: 'paragraph', options: {}, children: [{ kind: 'run', options: { text } }] }])?.[0];
  }

  private run({ options }: RunSpec): string {
    const { text, ...look } = options;
    if (text === undefined) {
      const key = `-${JSON.stringify(look)}`;
      return this.memo(this.runs, key, () => [this.xmlOf(new TextRun(look)), ''])[0];
    }
    const [before, after] = this.memo(this.runs, `+${JSON.stringify(look)}`, () =>
      split(this.xmlOf(new TextRun({ ...look, text: MARK })), MARK),
    );
    return before + escapeXml(text) + after;
  }

  private paragraph({ options, children }: ParagraphSpec): string {
    if (children.length === 0)
      return this.memo(this.paragraphs, `-${JSON.stringify(options)}`, () => [
        this.xmlOf(new Paragraph(options)),
        '',
      ])[0];
    let runs = '';
    for (const child of children) {
      if (child.kind !== 'run') throw new Unsupported();
      runs += this.run(child);
    }
    const [before, after] = this.memo(this.paragraphs, `+${JSON.stringify(options)}`, () =>
      split(this.xmlOf(new Paragraph({ ...options, children: [new TextRun(MARK)] })), this.run(markRun)),
    );
    return before + runs + after;
  }

  private table({ options, rows }: TableSpec): string {
    const [before, after] = this.memo(this.tables, JSON.stringify(options), () =>
      split(this.xmlOf(new Table({ ...options, rows: [markRow()] })), this.row(markRowSpec)),
    );
    return before + rows.map((row) => this.row(row)).join('') + after;
  }

  private row({ options, cells }: TableRowSpec): string {
    const [before, after] = this.memo(this.rows, JSON.stringify(options), () =>
      split(this.xmlOf(new TableRow({ ...options, children: [markCell()] })), this.cell(markCellSpec)),
    );
    return before + cells.map((cell) => this.cell(cell)).join('') + after;
  }

  private cell({ options, children }: TableCellSpec): string {
    // A table gives a cell without a width of its own its column's width, and spans add cells: the XML
    // of such a cell depends on its table, not on its options alone.
    if (!options.width || (options.rowSpan ?? 1) > 1 || (options.columnSpan ?? 1) > 1 || children.length === 0)
      throw new Unsupported();
    const [before, after] = this.memo(this.cells, JSON.stringify(options), () =>
      split(
        this.xmlOf(new TableCell({ ...options, children: [new Paragraph({ children: [new TextRun(MARK)] })] })),
        this.paragraph(markCellSpec.children[0]),
      ),
    );
    return before + children.map((child) => this.paragraph(child)).join('') + after;
  }

  private memo(cache: Map<string, Pieces>, key: string, make: () => Pieces): Pieces {
    let pieces = cache.get(key);
    if (!pieces) {
      pieces = make();
      // Column widths and signature indents vary from plan to plan: a bound keeps a long batch's memory flat.
      if (cache.size >= MEMO_LIMIT) cache.clear();
      cache.set(key, pieces);
    }
    return pieces;
  }
}

const markRun: RunSpec = { kind: 'run', options: { text: MARK } };
const MARK_WIDTH = { size: 1, type: WidthType.DXA };
const markCellSpec: TableCellSpec = {
  options: { width: MARK_WIDTH },
  children: [{ kind: 'paragraph', options: {}, children: [markRun] }],
};
const markRowSpec: TableRowSpec = { options: {}, cells: [markCellSpec] };

function markCell(): TableCell {
  return new TableCell({ width: MARK_WIDTH, children: [new Paragraph({ children: [new TextRun(MARK)] })] });
}

function markRow(): TableRow {
  return new TableRow({ children: [markCell()] });
}

/** The XML either side of `content`, which must occur in `xml` exactly once. */
export function split(xml: string, content: string): Pieces {
  const at = xml.indexOf(content);
  if (at < 0 || xml.indexOf(content, at + 1) >= 0) throw new Unsupported();
  return [xml.slice(0, at), xml.slice(at + content.length)];
}
