/**
 * Response DTOs as real instances of their classes. The classes exist to carry the OpenAPI
 * decorators (@ApiProperty); a handler that returned an object literal typed as such a class would
 * claim an instance it never made (`instanceof`, the prototype, would not hold). `dto(Class, fields)`
 * makes the instance and checks that `fields` gives every property the class declares. Nested DTOs
 * are built with `dto` too. The classes declare fields only (`useDefineForClassFields` is off), so
 * the instance serializes exactly as the literal would.
 */
export function dto<T extends object>(type: new () => T, fields: DtoFields<T>): T {
  return Object.assign(new type(), fields);
}

/** The data a DTO class declares, as a plain shape (what `dto` fills its instance from). */
export type DtoFields<T> = { [K in keyof T]: T[K] };
