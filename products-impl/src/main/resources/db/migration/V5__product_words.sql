-- Search by word, not by substring: a LIKE '%text%' over every product's description reads the whole
-- table whatever the text. Each product's words (of its name, SKU and description, lower case and
-- without accents: ProductWords) are kept here once each, so a search word is a range of this
-- primary key (word LIKE 'lam%'), the same query on MySQL and on H2. The service rewrites a
-- product's words with every create and update; deleting the product deletes them.
-- docs/decisions/0008-search-by-word-prefix.md says why not a FULLTEXT index.
CREATE TABLE product_words (
    word VARCHAR(32) NOT NULL,
    product_id VARCHAR(36) NOT NULL,
    PRIMARY KEY (word, product_id),
    CONSTRAINT fk_product_words_product FOREIGN KEY (product_id)
        REFERENCES products (product_id) ON DELETE CASCADE
);

-- Rewriting and deleting a product's words finds them by product.
CREATE INDEX ix_product_words_product ON product_words (product_id);
