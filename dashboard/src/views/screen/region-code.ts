/** 江湾市, the demo city. */
export const DEFAULT_REGION_CODE = '990100'

/** The region to show: `?region=` from the address, else the demo city. */
export function readRegionCode(search: string = window.location.search): string {
  return new URLSearchParams(search).get('region')?.trim() || DEFAULT_REGION_CODE
}
