package serverlessshop.products.catalog;

import java.util.List;
import serverlessshop.products.db.tables.records.ProductsRecord;

/** One page of the catalog and the cursor of the next one (null on the last page). */
record ProductListing(List<ProductsRecord> products, String nextCursor) {}
