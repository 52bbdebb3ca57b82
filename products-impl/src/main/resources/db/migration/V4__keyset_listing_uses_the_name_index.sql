-- Keyset pagination must cost the same on page 1000 as on page 1. With an index led by is_active,
-- MariaDB reads a shopper's page (is_active = TRUE, after the cursor's name and id) by "ref" on
-- is_active alone, from the first active product on, filtering up to the cursor: page 1000 of
-- 100,000 products took 8 times as long as page 1 (make bench). Only two values lead that index, so
-- the optimizer's estimates never favour the range on name that would start at the cursor. Without
-- it, every listing reads ix_products_name (name, product_id) from the cursor on, and skips the few
-- inactive products it meets. (An administrator's listing of inactive products only scans further.)
DROP INDEX ix_products_active_name ON products;
