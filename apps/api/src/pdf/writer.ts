import { deflateSync } from 'node:zlib';

/*
 * A small PDF 1.7 file writer: numbered objects, Flate streams, a cross-reference table.
 * Objects are PDF source text (or bytes for streams); callers build dictionaries as strings.
 */

const encoder = new TextEncoder();

export interface PdfRef {
  readonly num: number;
}

export function ref(r: PdfRef): string {
  return `${r.num} 0 R`;
}

/** A text string in UTF-16BE with its byte-order mark, as PDF wants for non-ASCII text. */
export function textString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

/** A PDF date, D:YYYYMMDDHHmmSSZ, in UTC. */
export function pdfDate(date: Date): string {
  const iso = date.toISOString();
  return `(D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z)`;
}

export class PdfFile {
  private readonly bodies: Array<Uint8Array | undefined> = [];

  /** Reserves an object number to fill in later (pages point at their parent and back). */
  reserve(): PdfRef {
    this.bodies.push(undefined);
    return { num: this.bodies.length };
  }

  set(target: PdfRef, body: string | Uint8Array): PdfRef {
    this.bodies[target.num - 1] = typeof body === 'string' ? encoder.encode(body) : body;
    return target;
  }

  add(body: string | Uint8Array): PdfRef {
    return this.set(this.reserve(), body);
  }

  /** A Flate-compressed stream; `extra` holds more dictionary entries. */
  addStream(data: Uint8Array | string, extra = ''): PdfRef {
    const raw = typeof data === 'string' ? encoder.encode(data) : data;
    const packed = deflateSync(raw);
    const head = encoder.encode(`<< /Length ${packed.byteLength} /Filter /FlateDecode${extra ? ` ${extra}` : ''} >>\nstream\n`);
    return this.add(concat([head, packed, encoder.encode('\nendstream')]));
  }

  toBytes(catalog: PdfRef, info: PdfRef): Uint8Array {
    const parts: Uint8Array[] = [encoder.encode('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n')];
    let offset = parts[0]?.byteLength ?? 0;
    const offsets: number[] = [];
    this.bodies.forEach((body, i) => {
      if (!body) throw new Error(`PDF object ${i + 1} was reserved but never written`);
      offsets.push(offset);
      const chunk = concat([encoder.encode(`${i + 1} 0 obj\n`), body, encoder.encode('\nendobj\n')]);
      parts.push(chunk);
      offset += chunk.byteLength;
    });
    const xref = [`xref\n0 ${offsets.length + 1}\n`, '0000000000 65535 f \n', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
    const trailer = `trailer\n<< /Size ${offsets.length + 1} /Root ${ref(catalog)} /Info ${ref(info)} >>\nstartxref\n${offset}\n%%EOF\n`;
    parts.push(encoder.encode(xref + trailer));
    return concat(parts);
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}
