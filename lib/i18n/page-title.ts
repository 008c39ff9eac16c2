/**
 * The product's name after every page's own title, as the browser tab shows it. The root layout's
 * metadata template and a title set in the browser (the receipt shown in place of the pay form)
 * both come from here, so the two cannot drift apart.
 */
export const PRODUCT_NAME = 'Mews Checkout';

export const PAGE_TITLE_TEMPLATE = `%s · ${PRODUCT_NAME}`;

/** The tab title for a page whose own title is `title`, as Next's template would render it. */
export function pageTitle(title: string): string {
  return PAGE_TITLE_TEMPLATE.replace('%s', title);
}
