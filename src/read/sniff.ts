// What a file is, by its bytes, not its name: a CSV (text), an Excel workbook (.xlsx, a zip), or
// something traject cannot read, with a message that says what it is. Used for the sources and
// the side tables, so `export.csv` that is really a workbook is read as a workbook, and
// `export.xlsx` that is really a CSV is read as a CSV.
import { closeSync, openSync, readSync, statSync } from 'node:fs';

export type FileKind = 'text' | 'xlsx';

/** The zip local-file signature PK\x03\x04 (and the empty zip PK\x05\x06). */
const isZip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && ((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6));
/** The OLE2 compound-file signature D0 CF 11 E0 A1 B1 1A E1: old .xls, or an encrypted .xlsx. */
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** Where a directory entry of an OLE2 file names its stream (UTF-16LE). */
const utf16 = (s: string) => Buffer.from(s, 'utf16le');

function readRange(fd: number, size: number, pos: number, len: number): Buffer {
  const b = Buffer.alloc(Math.max(0, Math.min(len, size - pos)));
  readSync(fd, b, 0, b.length, pos);
  return b;
}

/**
 * 'text' or 'xlsx', or throws an Error naming the file and what it is (encrypted workbook, old
 * .xls, OpenDocument, another zip, a PDF...). Reading errors (missing file) are left to the caller.
 */
export function sniffFile(file: string): FileKind {
  const size = statSync(file).size;
  const fd = openSync(file, 'r');
  try {
    const head = readRange(fd, size, 0, 4096);
    if (head.subarray(0, 8).equals(OLE2)) {
      // The directory of a compound file can lie anywhere; it is small, so look at the whole
      // file when it is small and at its first and last MB otherwise.
      const look = size <= 64 << 20 ? readRange(fd, size, 0, size) : Buffer.concat([readRange(fd, size, 0, 1 << 20), readRange(fd, size, size - (1 << 20), 1 << 20)]);
      if (look.includes(utf16('EncryptedPackage')) || look.includes(utf16('EncryptionInfo'))) {
        throw new Error(`${file}: this is a password-protected (encrypted) Excel workbook, which traject cannot read; open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, empty) and save it as .xlsx, or save it as CSV`);
      }
      if (look.includes(utf16('Workbook')) || look.includes(utf16('Book'))) {
        throw new Error(`${file}: this is an old Excel 97-2003 workbook (.xls), which traject does not read; save it as an Excel workbook (.xlsx) or as CSV`);
      }
      throw new Error(`${file}: this is a Microsoft Office compound file (not a workbook or CSV traject can read); save the data as .xlsx or CSV`);
    }
    if (isZip(head)) {
      // The first entry of an OpenDocument file is its uncompressed `mimetype`.
      const name = head.subarray(30, 30 + head.readUInt16LE(26)).toString('latin1');
      if (name === 'mimetype' && head.includes(Buffer.from('application/vnd.oasis.opendocument.spreadsheet'))) {
        throw new Error(`${file}: this is an OpenDocument spreadsheet (.ods), which traject does not read; save it as an Excel workbook (.xlsx) or as CSV`);
      }
      // A zip ends with its directory (the end record PK\x05\x06, at most 64 KB of comment after
      // it); without one the file was cut short, and the streaming reader would wait for ever.
      const tail = readRange(fd, size, Math.max(0, size - (65_535 + 22)), 65_535 + 22);
      if (tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) < 0) {
        throw new Error(`${file}: the workbook is damaged or incomplete (the end of its zip data is missing, as when a download or copy was cut short); save it again from Excel, or export the sheet as CSV`);
      }
      return 'xlsx'; // any other zip is tried as a workbook; the reader says so when it is not one
    }
    if (head.subarray(0, 5).toString('latin1') === '%PDF-') throw new Error(`${file}: this is a PDF document, not a CSV or Excel workbook`);
    return 'text';
  } finally {
    closeSync(fd);
  }
}
