/**
 * Reads entries of a jar (zip) file with Node's own zlib: the central directory locates each
 * entry; stored and deflated entries are supported (all a jar uses). Enough to read class files
 * at gate time without a JDK or a zip package.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

interface Entry {
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

export class JarReader {
  private readonly fd: number;
  private readonly entries = new Map<string, Entry>();

  constructor(file: string) {
    this.fd = openSync(file, 'r');
    const size = statSync(file).size;
    const tailLength = Math.min(size, 65_557);
    const tail = this.read(size - tailLength, tailLength);
    let end = -1;
    for (let i = tail.length - 22; i >= 0; i -= 1) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        end = i;
        break;
      }
    }
    if (end < 0) throw new Error(`${file}: not a zip file (no end of central directory)`);
    const count = tail.readUInt16LE(end + 10);
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    const directory = this.read(directoryOffset, directorySize);
    let at = 0;
    for (let i = 0; i < count; i += 1) {
      if (directory.readUInt32LE(at) !== 0x02014b50)
        throw new Error(`${file}: corrupt central directory`);
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      const name = directory.toString('utf8', at + 46, at + 46 + nameLength);
      this.entries.set(name, {
        method: directory.readUInt16LE(at + 10),
        compressedSize: directory.readUInt32LE(at + 20),
        localHeaderOffset: directory.readUInt32LE(at + 42),
      });
      at += 46 + nameLength + extraLength + commentLength;
    }
  }

  /** Entry names (paths inside the jar). */
  names(): IterableIterator<string> {
    return this.entries.keys();
  }

  /** The entry's uncompressed bytes, or undefined when the jar has no such entry. */
  readEntry(name: string): Buffer | undefined {
    const entry = this.entries.get(name);
    if (!entry) return undefined;
    const header = this.read(entry.localHeaderOffset, 30);
    const dataStart =
      entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    const data = this.read(dataStart, entry.compressedSize);
    if (entry.method === 0) return data;
    if (entry.method === 8) return inflateRawSync(data);
    throw new Error(`${name}: unsupported zip compression method ${entry.method}`);
  }

  close(): void {
    closeSync(this.fd);
  }

  private read(position: number, length: number): Buffer {
    const buffer = Buffer.alloc(length);
    readSync(this.fd, buffer, 0, length, position);
    return buffer;
  }
}
