import type { products } from '@serverless-shop/api-client';
import { useServices } from '../app/services';
import { type Loaded, useLoad } from '../ui/hooks';

/** The most categories the site asks for; a shop's navigation has far fewer. */
const MAX_PAGES = 10;

/** Every category, by name (the API's order): for the catalog's navigation and the product form. */
export function useCategories(): [Loaded<products.Category[]>, () => void] {
  const { api } = useServices();
  const [loaded, reload] = useLoad(async () => {
    const categories: products.Category[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const answer = await api.categories.listCategories({ limit: 100, cursor });
      categories.push(...answer.items);
      cursor = answer.nextCursor ?? undefined;
      if (!cursor) {
        break;
      }
    }
    return categories;
  }, [api]);
  return [loaded, reload];
}
