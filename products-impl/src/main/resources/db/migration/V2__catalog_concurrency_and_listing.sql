-- version: the ETag of a product. It changes with every write, stock reservations included,
-- so that an edit based on a stale read (If-Match) cannot overwrite units sold meanwhile.
ALTER TABLE products ADD COLUMN version BIGINT NOT NULL DEFAULT 1;

-- The catalog lists products by name, then id (keyset pagination); shoppers see active ones only.
CREATE INDEX ix_products_name ON products (name, product_id);
CREATE INDEX ix_products_active_name ON products (is_active, name, product_id);

-- The last line of defence of "no oversell": whatever the code does, stock never goes negative.
ALTER TABLE products ADD CONSTRAINT ck_products_stock_quantity CHECK (stock_quantity >= 0);
ALTER TABLE products ADD CONSTRAINT ck_products_price CHECK (price > 0);
