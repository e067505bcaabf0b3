import { FONT_RESOURCE, PageCanvas, TextMeasure } from './canvas.ts';
import { embedFont } from './font-embed.ts';
import { checkpointLine, pageLabel, type PdfLanguage } from './labels.ts';
import { PdfFile, pdfDate, ref, textString, type PdfRef } from './writer.ts';

/** The district log's state a document was made from; printed on every page. */
export interface PdfCheckpoint {
  readonly origin: string;
  readonly size: number;
  readonly rootHex: string;
}

export interface PdfColumn {
  readonly header: string;
  /** Share of the table's width (the shares are normalised). */
  readonly width: number;
}

/** One printable label: a QR code (qr.ts `qrModules`) with the code and name under it. */
export interface PdfLabel {
  readonly code: string;
  readonly name: string;
  /** A third line: the kind of place, its AC. */
  readonly caption: string;
  readonly qr: readonly string[];
}

/**
 * Every register, list and certificate: a title, lines about it, one table, and the log footer.
 * A label sheet has labels instead of a table (its columns and rows are empty).
 */
export interface PdfDocumentModel {
  readonly language: PdfLanguage;
  readonly title: string;
  readonly meta: readonly string[];
  readonly columns: readonly PdfColumn[];
  readonly rows: ReadonlyArray<readonly string[]>;
  /** Printed instead of the table body when there are no rows. */
  readonly emptyText: string;
  readonly checkpoint: PdfCheckpoint;
  readonly createdAt: Date;
  readonly labels?: readonly PdfLabel[];
}

const PAGE = { width: 595.28, height: 841.89, margin: 40 } as const;
const FOOTER_HEIGHT = 44;
const TITLE_SIZE = 15;
const META_SIZE = 9.5;
const CELL_SIZE = 8.5;
const PAD = 4;
const lineHeight = (size: number) => size * 1.5;

interface Layout {
  readonly measure: TextMeasure;
  readonly pages: PageCanvas[];
  page: PageCanvas;
  /** Top of the free space on the current page. */
  y: number;
}

function newPage(layout: Layout): void {
  layout.page = new PageCanvas(layout.measure);
  layout.pages.push(layout.page);
  layout.y = PAGE.height - PAGE.margin;
}

/** Draws wrapped lines from the layout's y down; returns nothing, moves y. */
function paragraph(layout: Layout, text: string, size: number, style: 'regular' | 'bold', gray = 0): void {
  const width = PAGE.width - 2 * PAGE.margin;
  for (const line of layout.measure.wrap(text, width, size, style)) {
    layout.page.text(line, PAGE.margin, layout.y - size * 1.05, size, style, gray);
    layout.y -= lineHeight(size);
  }
}

function columnEdges(columns: readonly PdfColumn[]): number[] {
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  const width = PAGE.width - 2 * PAGE.margin;
  const edges: number[] = [PAGE.margin];
  for (const c of columns) edges.push((edges.at(-1) ?? PAGE.margin) + (c.width / total) * width);
  return edges;
}

function wrapCells(layout: Layout, cells: readonly string[], edges: readonly number[], style: 'regular' | 'bold'): string[][] {
  return cells.map((cell, i) => layout.measure.wrap(cell, (edges[i + 1] ?? 0) - (edges[i] ?? 0) - 2 * PAD, CELL_SIZE, style));
}

function rowHeight(lines: readonly string[][]): number {
  return Math.max(1, ...lines.map((l) => l.length)) * lineHeight(CELL_SIZE) + PAD;
}

function drawRow(layout: Layout, lines: readonly string[][], edges: readonly number[], header: boolean): void {
  const height = rowHeight(lines);
  const bottom = layout.y - height;
  if (header) layout.page.fillRect(PAGE.margin, bottom, PAGE.width - 2 * PAGE.margin, height, 0.9);
  lines.forEach((cellLines, i) => {
    cellLines.forEach((line, n) => {
      const baseline = layout.y - PAD / 2 - n * lineHeight(CELL_SIZE) - CELL_SIZE * 1.05;
      layout.page.text(line, (edges[i] ?? 0) + PAD, baseline, CELL_SIZE, header ? 'bold' : 'regular');
    });
  });
  layout.page.line(PAGE.margin, bottom, PAGE.width - PAGE.margin, bottom, 0.75);
  layout.y = bottom;
}

function table(layout: Layout, doc: PdfDocumentModel): void {
  const edges = columnEdges(doc.columns);
  const header = wrapCells(layout, doc.columns.map((c) => c.header), edges, 'bold');
  drawRow(layout, header, edges, true);
  if (doc.rows.length === 0) {
    layout.y -= 4;
    paragraph(layout, doc.emptyText, META_SIZE, 'regular', 0.3);
    return;
  }
  for (const row of doc.rows) {
    const lines = wrapCells(layout, row, edges, 'regular');
    if (layout.y - rowHeight(lines) < PAGE.margin + FOOTER_HEIGHT) {
      newPage(layout);
      drawRow(layout, header, edges, true);
    }
    drawRow(layout, lines, edges, false);
  }
}

const LABEL = { columns: 3, height: 150, qr: 92 } as const;

/** Dark modules as filled squares, one rectangle per run of a row; a quiet zone is left around. */
function drawQr(page: PageCanvas, modules: readonly string[], x: number, top: number, size: number): void {
  const cell = size / (modules.length + 8);
  modules.forEach((row, r) => {
    for (const run of row.matchAll(/1+/g)) {
      page.fillRect(x + (4 + run.index) * cell, top - (5 + r) * cell, run[0].length * cell, cell, 0);
    }
  });
}

/** Labels three to a row, cut lines around each, as many rows to a page as fit above the footer. */
function labelSheet(layout: Layout, labels: readonly PdfLabel[], emptyText: string): void {
  if (labels.length === 0) return paragraph(layout, emptyText, META_SIZE, 'regular', 0.3);
  const width = (PAGE.width - 2 * PAGE.margin) / LABEL.columns;
  labels.forEach((label, i) => {
    const column = i % LABEL.columns;
    if (column === 0 && i > 0) layout.y -= LABEL.height;
    if (column === 0 && layout.y - LABEL.height < PAGE.margin + FOOTER_HEIGHT) newPage(layout);
    const x = PAGE.margin + column * width;
    layout.page.line(x, layout.y, x + width, layout.y, 0.7, 0.3);
    layout.page.line(x, layout.y - LABEL.height, x + width, layout.y - LABEL.height, 0.7, 0.3);
    layout.page.line(x, layout.y, x, layout.y - LABEL.height, 0.7, 0.3);
    layout.page.line(x + width, layout.y, x + width, layout.y - LABEL.height, 0.7, 0.3);
    drawQr(layout.page, label.qr, x + (width - LABEL.qr) / 2, layout.y - 2, LABEL.qr);
    let baseline = layout.y - LABEL.qr - 12;
    const centred = (text: string, size: number, style: 'regular' | 'bold', gray: number) => {
      for (const line of layout.measure.wrap(text, width - 2 * PAD, size, style).slice(0, 2)) {
        layout.page.text(line, x + (width - layout.measure.width(line, size, style)) / 2, baseline, size, style, gray);
        baseline -= lineHeight(size);
      }
    };
    centred(label.code, 10, 'bold', 0);
    centred(label.name, 7.5, 'regular', 0.1);
    centred(label.caption, 7, 'regular', 0.35);
  });
  layout.y -= LABEL.height;
}

function footers(layout: Layout, doc: PdfDocumentModel): void {
  const size = 7.5;
  const top = PAGE.margin + FOOTER_HEIGHT - 10;
  const text = checkpointLine(doc.language, doc.checkpoint);
  const lines = layout.measure.wrap(text, PAGE.width - 2 * PAGE.margin - 60, size, 'regular');
  layout.pages.forEach((page, i) => {
    page.line(PAGE.margin, top, PAGE.width - PAGE.margin, top, 0.6);
    lines.forEach((line, n) => page.text(line, PAGE.margin, top - 11 - n * lineHeight(size), size, 'regular', 0.25));
    const label = pageLabel(doc.language, i + 1, layout.pages.length);
    const x = PAGE.width - PAGE.margin - layout.measure.width(label, size, 'regular');
    page.text(label, x, top - 11, size, 'regular', 0.25);
  });
}

/** Lays the document out on A4 pages. */
function layOut(doc: PdfDocumentModel): Layout {
  const measure = new TextMeasure(doc.language);
  const first = new PageCanvas(measure);
  const layout: Layout = { measure, pages: [first], page: first, y: PAGE.height - PAGE.margin };
  paragraph(layout, doc.title, TITLE_SIZE, 'bold');
  layout.y -= 2;
  for (const line of doc.meta) paragraph(layout, line, META_SIZE, 'regular', 0.15);
  layout.y -= 8;
  if (doc.labels) labelSheet(layout, doc.labels, doc.emptyText);
  else table(layout, doc);
  footers(layout, doc);
  return layout;
}

/** Renders a document model to PDF bytes: shaped with HarfBuzz, fonts subset and embedded. */
export async function renderPdf(doc: PdfDocumentModel): Promise<Uint8Array> {
  const layout = layOut(doc);
  const file = new PdfFile();
  const catalog = file.reserve();
  const pagesRef = file.reserve();
  const regular = await embedFont(file, layout.measure.usage.regular);
  const bold = await embedFont(file, layout.measure.usage.bold);
  const resources = `<< /Font << /${FONT_RESOURCE.regular} ${ref(regular)} /${FONT_RESOURCE.bold} ${ref(bold)} >> >>`;
  const pageRefs: PdfRef[] = layout.pages.map((page) => {
    const content = file.addStream(page.content());
    return file.add(
      `<< /Type /Page /Parent ${ref(pagesRef)} /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Resources ${resources} /Contents ${ref(content)} >>`,
    );
  });
  file.set(pagesRef, `<< /Type /Pages /Kids [${pageRefs.map(ref).join(' ')}] /Count ${pageRefs.length} >>`);
  file.set(catalog, `<< /Type /Catalog /Pages ${ref(pagesRef)} /Lang (${doc.language}) /MarkInfo << /Marked true >> >>`);
  const info = file.add(
    `<< /Title ${textString(doc.title)} /Subject ${textString(checkpointLine('en', doc.checkpoint))}` +
      ` /Producer (EVM Trail) /CreationDate ${pdfDate(doc.createdAt)} >>`,
  );
  return file.toBytes(catalog, info);
}
