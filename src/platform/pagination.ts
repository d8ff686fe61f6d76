import { z } from 'zod';

// Every list is shown a page at a time, with the GOV.UK pagination component: a county has
// 20,000 people and 100,000 claims, and a page must stay small for a slow phone.

export const pageSize = 50;

/** The `page` query value: a bad or missing one is page 1, never an error. */
export const pageParam = z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined);

export type Page = { page: number; limit: number; offset: number };

export const pageOf = (page: number | undefined, size = pageSize): Page => {
  const n = page ?? 1;
  return { page: n, limit: size, offset: (n - 1) * size };
};

type Item = { number?: number; href?: string; current?: boolean; ellipsis?: boolean };
export type Pagination = { previous?: { href: string }; next?: { href: string }; items: Item[] };

/**
 * The govukPagination parameters for a list: the first and last pages, the current one and
 * its neighbours, with ellipses between (GOV.UK's pattern), so 400 pages make 7 links, not
 * 400. `href` keeps the list's filters. Null when everything fits on one page.
 */
export function paginationFor(page: number, total: number, href: (page: number) => string, size = pageSize): Pagination | null {
  const pages = Math.max(1, Math.ceil(total / size));
  if (pages <= 1) return null;
  const shown = [...new Set([1, page - 1, page, page + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const items: Item[] = [];
  for (const [i, n] of shown.entries()) {
    if (i > 0 && n - shown[i - 1]! > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: href(n), current: n === page });
  }
  return {
    ...(page > 1 ? { previous: { href: href(page - 1) } } : {}),
    ...(page < pages ? { next: { href: href(page + 1) } } : {}),
    items,
  };
}

/** A link to another page of a list at `path`, keeping the filters that are set. */
export function pageLink(path: string, filters: Record<string, string | number | undefined | null>): (page: number) => string {
  const params = Object.entries(filters).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== null && e[1] !== '');
  return (page) =>
    `${path}?${new URLSearchParams([...params.map(([k, v]): [string, string] => [k, String(v)]), ['page', String(page)]]).toString()}`;
}
