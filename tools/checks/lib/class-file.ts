/**
 * A minimal Java class-file reader: the constant pool and the declared fields (name, descriptor,
 * static or not). Enough to read the platform's SObject field lists from apex-ls's
 * `sobject-types` jar, where each SObject is a class with one public field per SObject field.
 */

export interface ClassField {
  name: string;
  /** JVM descriptor, e.g. `Lcom/nawforce/runforce/SObjects/Account;` or `[L…;` for a list. */
  descriptor: string;
  isStatic: boolean;
}

const ACC_STATIC = 0x0008;

/** Parses the fields of a class file (JVM spec §4.1). */
export function readClassFields(bytes: Buffer): ClassField[] {
  if (bytes.readUInt32BE(0) !== 0xcafebabe) throw new Error('not a class file');
  let at = 8;
  const poolCount = bytes.readUInt16BE(at);
  at += 2;
  const utf8 = new Map<number, string>();
  for (let index = 1; index < poolCount; index += 1) {
    const tag = bytes.readUInt8(at);
    at += 1;
    switch (tag) {
      case 1: {
        const length = bytes.readUInt16BE(at);
        utf8.set(index, bytes.toString('utf8', at + 2, at + 2 + length));
        at += 2 + length;
        break;
      }
      case 5:
      case 6:
        at += 8;
        index += 1; // long and double take two pool slots
        break;
      case 3:
      case 4:
      case 9:
      case 10:
      case 11:
      case 12:
      case 17:
      case 18:
        at += 4;
        break;
      case 15:
        at += 3;
        break;
      case 7:
      case 8:
      case 16:
      case 19:
      case 20:
        at += 2;
        break;
      default:
        throw new Error(`unknown constant pool tag ${tag}`);
    }
  }
  at += 6; // access flags, this class, super class
  const interfaces = bytes.readUInt16BE(at);
  at += 2 + interfaces * 2;
  const fieldCount = bytes.readUInt16BE(at);
  at += 2;
  const fields: ClassField[] = [];
  for (let i = 0; i < fieldCount; i += 1) {
    const access = bytes.readUInt16BE(at);
    const name = utf8.get(bytes.readUInt16BE(at + 2)) ?? '';
    const descriptor = utf8.get(bytes.readUInt16BE(at + 4)) ?? '';
    let attributes = bytes.readUInt16BE(at + 6);
    at += 8;
    while (attributes > 0) {
      at += 6 + bytes.readUInt32BE(at + 2);
      attributes -= 1;
    }
    fields.push({ name, descriptor, isStatic: (access & ACC_STATIC) !== 0 });
  }
  return fields;
}
