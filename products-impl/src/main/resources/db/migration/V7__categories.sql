-- Categories for browsing the catalog: a product is in any number of them (at most 20, the API's limit).
-- The slug is the category's name in links (/?category=lighting), so it is unique.
CREATE TABLE categories (
    category_id VARCHAR(36) PRIMARY KEY,
    slug VARCHAR(64) NOT NULL,
    name VARCHAR(255) NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_at DATETIME(3) NOT NULL,
    updated_at DATETIME(3) NOT NULL,
    CONSTRAINT uq_categories_slug UNIQUE (slug)
);

-- The navigation lists categories by name, then id (keyset pagination).
CREATE INDEX ix_categories_name ON categories (name, category_id);

-- Which product is in which category. Deleting either side deletes the link.
CREATE TABLE product_categories (
    category_id VARCHAR(36) NOT NULL,
    product_id VARCHAR(36) NOT NULL,
    PRIMARY KEY (category_id, product_id),
    CONSTRAINT fk_product_categories_category FOREIGN KEY (category_id)
        REFERENCES categories (category_id) ON DELETE CASCADE,
    CONSTRAINT fk_product_categories_product FOREIGN KEY (product_id)
        REFERENCES products (product_id) ON DELETE CASCADE
);

-- A product's categories, read with the product and rewritten with it.
CREATE INDEX ix_product_categories_product ON product_categories (product_id);
