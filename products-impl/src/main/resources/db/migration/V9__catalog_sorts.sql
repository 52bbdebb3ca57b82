-- The catalogue's other orders, each an index of its column then the id, read from the cursor on as
-- ix_products_name is for the default order (V4): by price (cheapest or dearest first: the same index,
-- read backwards) and newest first. A price range (min_price, max_price) is a range of the price index
-- too, which MariaDB chooses over reading the name index when the range is narrow.
-- No index is led by is_active (V4 says why), and none by category: product_categories' primary key is
-- led by it, and a category's listing reads the listing's own index (CategoryFilter says why).
CREATE INDEX ix_products_price ON products (price, product_id);
CREATE INDEX ix_products_created_at ON products (created_at, product_id);
