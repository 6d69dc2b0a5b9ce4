/** 江湾市, the demo city. */
export const DEFAULT_REGION_CODE = '990100'

// the top of the token's scope, once the server has told it (see main.ts)
let homeRegionCode: string | null = null

/** The region a screen opens at without `?region=`: the token's own (a district token its district). */
export function setHomeRegionCode(code: string | null): void {
  homeRegionCode = code && isRegionCode(code) ? code : null
}

/** `?region=` given in the address. */
export function hasRegionParam(search: string = window.location.search): boolean {
  return Boolean(new URLSearchParams(search).get('region')?.trim())
}

/** The region to show: `?region=` from the address, else the token's own region, else the demo city. */
export function readRegionCode(search: string = window.location.search): string {
  return new URLSearchParams(search).get('region')?.trim() || homeRegionCode || DEFAULT_REGION_CODE
}

/** Administrative codes are digits only (six for county level and up, nine for towns). */
export function isRegionCode(code: string): boolean {
  return /^\d{6,12}$/.test(code)
}

/**
 * The address `href` with `?region=` set to `code`, as a path for history.replaceState: other
 * parameters and the hash stay, a `token` never comes back (auth.ts took it out for good).
 */
export function addressWithRegion(href: string, code: string): string {
  const url = new URL(href)
  url.searchParams.delete('token')
  url.searchParams.set('region', code)
  return url.pathname + url.search + url.hash
}

/**
 * True when `code` is `ancestor` or lies below it. Codes encode their ancestry (as on the
 * server): 990100 (a city) covers 9901xx…, 990102 (a district) covers 990102xxx.
 */
export function isWithinRegion(code: string, ancestor: string): boolean {
  if (!/^\d{6}(\d{3})?$/.test(code) || !/^\d{6}(\d{3})?$/.test(ancestor)) return false
  const prefix =
    ancestor.length === 9 ? ancestor : ancestor.endsWith('0000') ? ancestor.slice(0, 2) : ancestor.endsWith('00') ? ancestor.slice(0, 4) : ancestor
  return code.startsWith(prefix)
}
