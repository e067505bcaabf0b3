import qrcode from 'qrcode-generator';

/**
 * The modules of a QR code (ISO/IEC 18004, error correction M, the smallest version that holds
 * the text), row by row as '1' (dark) and '0'. Plain strings, so a document model carrying them
 * crosses to the render worker as it is.
 */
export function qrModules(text: string): string[] {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const size = qr.getModuleCount();
  return Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, col) => (qr.isDark(row, col) ? '1' : '0')).join(''));
}
