/**
 * Every number the API answers must say what it is: how it is computed, its unit, and what null
 * means. This finds the numeric properties of an OpenAPI document's schemas that have no
 * description (numbers, integers, and arrays of them), as "Schema.property".
 */
interface SchemaObject {
  type?: string | string[];
  description?: string;
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  allOf?: SchemaObject[];
  $ref?: string;
}

const isNumeric = (schema: SchemaObject | undefined): boolean => {
  if (!schema) return false;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('number') || types.includes('integer')) return true;
  return types.includes('array') && isNumeric(schema.items);
};

export function undescribedNumbers(document: { components?: { schemas?: Record<string, SchemaObject> } }): string[] {
  const missing: string[] = [];
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    const parts = [schema, ...(schema.allOf ?? [])];
    for (const part of parts)
      for (const [property, value] of Object.entries(part.properties ?? {}))
        if (isNumeric(value) && !value.description?.trim()) missing.push(`${name}.${property}`);
  }
  return missing.sort();
}
