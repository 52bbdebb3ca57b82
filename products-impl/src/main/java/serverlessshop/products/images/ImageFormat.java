package serverlessshop.products.images;

import java.util.Arrays;
import java.util.Optional;

/** The image types the store accepts, known by their first bytes (magic numbers), not by what is declared. */
enum ImageFormat {
    JPEG("image/jpeg", "JPEG", "jpeg"),
    PNG("image/png", "PNG", "png"),
    WEBP("image/webp", "WebP", "webp");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    final String mediaType;
    final String displayName;
    /** The name ImageIO's readers go by. */
    final String imageIoName;

    ImageFormat(String mediaType, String displayName, String imageIoName) {
        this.mediaType = mediaType;
        this.displayName = displayName;
        this.imageIoName = imageIoName;
    }

    static Optional<ImageFormat> ofMediaType(String mediaType) {
        return Arrays.stream(values())
                .filter(format -> format.mediaType.equals(mediaType))
                .findFirst();
    }

    /** What the bytes are: JPEG's SOI marker, PNG's signature, or a RIFF container of WEBP. */
    static Optional<ImageFormat> of(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (bytes.length >= PNG_SIGNATURE.length
                && Arrays.equals(bytes, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length)) {
            return Optional.of(PNG);
        }
        if (bytes.length >= 12 && ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WEBP")) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    private static boolean ascii(byte[] bytes, int offset, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (bytes[offset + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
