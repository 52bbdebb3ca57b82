-- Stock reservations: the products half of the order saga. A reservation takes stock out of
-- products.stock_quantity when it is made; it is RESERVED until confirmed (CONFIRMED), released
-- (RELEASED) or past expires_at (EXPIRED); releasing or expiring returns the stock.
CREATE TABLE stock_reservations (
    reservation_id VARCHAR(36) PRIMARY KEY,
    status VARCHAR(16) NOT NULL,
    -- SHA-256 of the requested items: the same id with other items is refused.
    request_hash CHAR(64) NOT NULL,
    expires_at DATETIME(3) NULL,
    created_at DATETIME(3) NOT NULL,
    updated_at DATETIME(3) NOT NULL,
    CONSTRAINT ck_stock_reservations_status CHECK (status IN ('RESERVED', 'CONFIRMED', 'RELEASED', 'EXPIRED'))
);

-- The sweep looks for RESERVED reservations whose expiry has passed.
CREATE INDEX ix_stock_reservations_expiry ON stock_reservations (status, expires_at);

-- What each reservation holds, with the product's name and price when it was reserved.
CREATE TABLE stock_reservation_items (
    reservation_id VARCHAR(36) NOT NULL,
    product_id VARCHAR(36) NOT NULL,
    sku VARCHAR(100) NOT NULL,
    name VARCHAR(255) NOT NULL,
    quantity INT NOT NULL,
    unit_price DECIMAL(10, 2) NOT NULL,
    PRIMARY KEY (reservation_id, product_id),
    CONSTRAINT fk_stock_reservation_items_reservation FOREIGN KEY (reservation_id)
        REFERENCES stock_reservations (reservation_id) ON DELETE CASCADE,
    CONSTRAINT ck_stock_reservation_items_quantity CHECK (quantity > 0)
);

-- Before answering "not enough stock", expired reservations holding that product are expired.
CREATE INDEX ix_stock_reservation_items_product ON stock_reservation_items (product_id);
