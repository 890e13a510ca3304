/**
 * The shape of tools/schemas/metadata-<version>.json: the XML Schema part of one Metadata API WSDL
 * reduced to what the `metadata` check needs, written by generate-metadata-schema.ts and committed
 * (CI cannot reach the WSDL).
 *
 * - `complexTypes[name]`: `base` is the type it extends (`<xsd:extension base>`, whose elements
 *   come first in the sequence), `elements` its own `<xsd:sequence>` in order, each as the tuple
 *   `[name, type, minOccurs, maxOccurs]` plus `"nillable"` when the element may be `xsi:nil`.
 *   A type is `xsd:<builtin>` (`xsd:string`, `xsd:boolean`, `xsd:int`, …) or the name of another
 *   complex or simple type of the WSDL (its namespace prefix dropped). `maxOccurs` is a number or
 *   `"unbounded"`.
 * - `simpleTypes[name]`: the restricted builtin and its `enumeration` values in WSDL order (and
 *   `pattern` / `length` facets where the WSDL has them, e.g. `ID`).
 */
export type ElementTuple =
  | [name: string, type: string, minOccurs: number, maxOccurs: number | 'unbounded']
  | [
      name: string,
      type: string,
      minOccurs: number,
      maxOccurs: number | 'unbounded',
      nillable: 'nillable',
    ];

export interface ComplexTypeModel {
  base?: string;
  elements: ElementTuple[];
  /** True when the sequence ends in `<xsd:any>` (only ExtendedErrorDetails, not metadata). */
  anyElement?: true;
}

export interface SimpleTypeModel {
  base: string;
  enumeration?: string[];
  pattern?: string;
  length?: number;
}

export interface MetadataModel {
  /** The API version the WSDL's header comment names ("Salesforce.com Metadata API version 65.0"). */
  apiVersion: string;
  source: { repository: string; commit: string; path: string; sha256: string };
  generatedBy: string;
  complexTypes: Record<string, ComplexTypeModel>;
  simpleTypes: Record<string, SimpleTypeModel>;
}
