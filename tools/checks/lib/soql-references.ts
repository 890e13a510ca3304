/**
 * The object and field references one SOQL query makes, for the schema index to resolve: the
 * FROM object, every field path of the select list, conditions, grouping and ordering (a path may
 * be qualified with the object's own name), the child relationship of each select-list subquery
 * and that subquery's fields on the child object, and every semi-join as a query of its own.
 * Shared by the `references` check (`[SELECT …]` in Apex) and the `apex-fields` check (SOQL built
 * as strings), which differ only in how an offset in the query text becomes a line of the file.
 */
import type { Reference } from '../references';
import { UNCHECKED_CHILD, type SchemaIndex } from './schema-index';
import type { SoqlQuery } from './soql';

/** Maps an offset of the text the query was read from to a line of the file. */
export type LineAt = (offset: number) => number | undefined;

function fieldReferences(
  query: SoqlQuery,
  object: string,
  index: SchemaIndex,
  file: string,
  lineAt: LineAt,
  into: Reference[],
): void {
  for (const field of query.fields) {
    // A select item may qualify a field with the object's own name: `Opportunity.Name`.
    const qualified =
      field.path.length > 1 &&
      field.path[0].toLowerCase() === object.toLowerCase() &&
      !index.field(object, field.path[0]);
    into.push({
      file,
      line: lineAt(field.offset),
      object,
      path: qualified ? field.path.slice(1) : field.path,
      where: `SOQL on ${object}`,
    });
  }
  for (const child of query.children) {
    // A subquery may qualify the relationship with the outer object: `FROM Account.Contacts`.
    const qualified = child.from.toLowerCase().startsWith(`${object.toLowerCase()}.`);
    const from = qualified ? child.from.slice(object.length + 1) : child.from;
    const childObject = index.childObject(object, from);
    if (childObject === undefined) {
      into.push({
        file,
        line: lineAt(child.offset),
        object,
        path: [from],
        where: `SOQL subquery child relationship on ${object}`,
      });
    } else if (childObject !== UNCHECKED_CHILD) {
      fieldReferences(child, childObject, index, file, lineAt, into);
    }
  }
  for (const semiJoin of query.semiJoins)
    into.push(...queryReferences(semiJoin, index, file, lineAt));
}

/** The FROM object of a top-level query and, when it exists, every field reference in it. */
export function queryReferences(
  query: SoqlQuery,
  index: SchemaIndex,
  file: string,
  lineAt: LineAt,
): Reference[] {
  const references: Reference[] = [
    { file, line: lineAt(query.offset), object: query.from, where: 'SOQL FROM' },
  ];
  if (index.hasObject(query.from))
    fieldReferences(query, query.from, index, file, lineAt, references);
  return references;
}
