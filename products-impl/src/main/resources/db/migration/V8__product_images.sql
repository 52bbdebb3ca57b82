-- The images of a product: each one recorded pending when its upload is presigned, then ready (with
-- its sizes) or rejected (with the reason) once the image function has checked the file. Its files
-- live in the image store under keys made of the product's and the image's ids (ProductImageKeys).
CREATE TABLE product_images (
    image_id VARCHAR(36) PRIMARY KEY,
    product_id VARCHAR(36) NOT NULL,
    -- The order to show them in, the lowest first.
    position INT NOT NULL,
    status VARCHAR(16) NOT NULL,
    -- What the upload was declared as: its policy admits only that type and at most that size.
    content_type VARCHAR(32) NOT NULL,
    content_length INT NOT NULL,
    alt VARCHAR(255) NOT NULL,
    problem VARCHAR(500) NULL,
    created_at DATETIME(3) NOT NULL,
    updated_at DATETIME(3) NOT NULL,
    CONSTRAINT fk_product_images_product FOREIGN KEY (product_id)
        REFERENCES products (product_id) ON DELETE CASCADE,
    CONSTRAINT ck_product_images_status CHECK (status IN ('pending', 'ready', 'rejected'))
);

-- A product's images in their order: read with every product answer.
CREATE INDEX ix_product_images_product ON product_images (product_id, position);

-- The JPEG sizes of a ready image; each one's key (and URL) is made of the image's ids and its width.
CREATE TABLE product_image_sizes (
    image_id VARCHAR(36) NOT NULL,
    width INT NOT NULL,
    height INT NOT NULL,
    PRIMARY KEY (image_id, width),
    CONSTRAINT fk_product_image_sizes_image FOREIGN KEY (image_id)
        REFERENCES product_images (image_id) ON DELETE CASCADE
);
