/**
 * Builds a method-name list that the compiler proves complete: a list missing one of Api's methods
 * (or naming one that does not exist) fails to type-check, so main, preload and the e2e bridge,
 * which all iterate these lists, can never drift from the interface.
 */
export function methodList<Api>() {
  return <const L extends readonly (keyof Api & string)[]>(
    list: L &
      ([Exclude<keyof Api, L[number]>] extends [never]
        ? unknown
        : { missing: Exclude<keyof Api, L[number]> }),
  ): L => list
}
