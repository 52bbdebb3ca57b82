package serverlessshop.products.categories;

import java.util.List;
import serverlessshop.products.db.tables.records.CategoriesRecord;

/** One page of categories and the cursor of the next one (null on the last page). */
record CategoryListing(List<CategoriesRecord> categories, String nextCursor) {}
