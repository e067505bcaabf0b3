import type { Language } from '../../i18n';

/** The stocktake report as PDF (one per language) and as CSV, served by the api. */
export function stocktakePdfHref(districtId: number, stocktakeId: number, lang: Language): string {
  return `/pdf/stocktakes/${districtId}/${stocktakeId}.pdf?lang=${lang}`;
}

export function stocktakeCsvHref(districtId: number, stocktakeId: number): string {
  return `/export/stocktake.csv?districtId=${districtId}&stocktakeId=${stocktakeId}`;
}
