package serverlessshop.products.catalog;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words search knows a product by, and the words of a search: the same rules on both sides, so
 * what a shopper types matches what was stored. A word is a run of letters and digits, in lower case
 * and without accents (as MySQL's case- and accent-insensitive collation compares: "Café" is "cafe"),
 * cut to {@value #MAX_LENGTH} characters (the column's size; a longer search word still matches as a
 * prefix of the cut word).
 */
public final class ProductWords {

    /** The size of {@code product_words.word}. */
    public static final int MAX_LENGTH = 32;

    /**
     * Words of a search beyond these are ignored, not refused: each one is one more range of the
     * index to read, and a shopper's search has fewer.
     */
    public static final int MAX_SEARCH_WORDS = 8;

    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private ProductWords() {}

    /** Each distinct word of these texts (null texts have none), in order of first appearance. */
    public static Set<String> of(String... texts) {
        Set<String> words = new LinkedHashSet<>();
        for (String text : texts) {
            if (text != null) {
                words.addAll(split(text));
            }
        }
        return words;
    }

    /** The distinct words of a search, at most {@value #MAX_SEARCH_WORDS}; none if it has no letter or digit. */
    public static List<String> ofSearch(String text) {
        return split(text).stream().distinct().limit(MAX_SEARCH_WORDS).toList();
    }

    private static List<String> split(String text) {
        // NFKD splits "é" into "e" and a combining accent, and "ﬁ" into "fi"; the accents then go
        // (after lower-casing, which may add one: "İ" is "i" and a dot above).
        String plain = MARKS.matcher(Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFKD))
                .replaceAll("");
        List<String> words = new ArrayList<>();
        for (String word : SEPARATORS.split(plain)) {
            if (!word.isEmpty()) {
                words.add(cut(word));
            }
        }
        return words;
    }

    private static String cut(String word) {
        if (word.codePointCount(0, word.length()) <= MAX_LENGTH) {
            return word;
        }
        return word.substring(0, word.offsetByCodePoints(0, MAX_LENGTH));
    }
}
