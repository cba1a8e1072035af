import {
  ExternalHyperlink,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  type IParagraphOptions,
  type IRunOptions,
  type ITableCellOptions,
  type ITableOptions,
  type ITableRowOptions,
} from 'docx';

/**
 * The body of a document as build.ts lays it out: the options of the `docx` package's Paragraph, TextRun
 * and Table constructors, kept as plain data instead of constructed. Two writers read it: `toDocx` makes
 * the package's objects (the reference, which the package's compiler writes), and body-xml.ts writes
 * document.xml from it directly, much faster, giving the same bytes (tests/docx-body.test.ts).
 */
export type BlockSpec = ParagraphSpec | TableSpec;

export interface ParagraphSpec {
  kind: 'paragraph';
  options: Omit<IParagraphOptions, 'children' | 'text'>;
  children: InlineSpec[];
}

export type InlineSpec = RunSpec | LinkSpec;

export interface RunSpec {
  kind: 'run';
  /** A run's text is `options.text`; no `children` (page-number fields belong to footers, not the body). */
  options: Omit<IRunOptions, 'children'>;
}

export interface LinkSpec {
  kind: 'link';
  link: string;
  children: RunSpec[];
}

export interface TableSpec {
  kind: 'table';
  options: Omit<ITableOptions, 'rows'>;
  rows: TableRowSpec[];
}

export interface TableRowSpec {
  options: Omit<ITableRowOptions, 'children'>;
  cells: TableCellSpec[];
}

export interface TableCellSpec {
  options: Omit<ITableCellOptions, 'children'>;
  children: ParagraphSpec[];
}

export function paragraph(options: ParagraphSpec['options'], children: InlineSpec[] = []): ParagraphSpec {
  return { kind: 'paragraph', options, children };
}

export function run(options: RunSpec['options'] | string): RunSpec {
  return { kind: 'run', options: typeof options === 'string' ? { text: options } : options };
}

/** The `docx` package's objects for a block: the reference the direct writer is checked against. */
export function toDocx(block: BlockSpec): Paragraph | Table {
  if (block.kind === 'paragraph') return paragraphToDocx(block);
  return new Table({
    ...block.options,
    rows: block.rows.map(
      (row) =>
        new TableRow({
          ...row.options,
          children: row.cells.map(
            (cell) => new TableCell({ ...cell.options, children: cell.children.map(paragraphToDocx) }),
          ),
        }),
    ),
  });
}

function paragraphToDocx(spec: ParagraphSpec): Paragraph {
  return new Paragraph({
    ...spec.options,
    children: spec.children.map((child) =>
      child.kind === 'run'
        ? new TextRun(child.options)
        : new ExternalHyperlink({ link: child.link, children: child.children.map((r) => new TextRun(r.options)) }),
    ),
  });
}
