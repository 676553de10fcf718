package dev.microposts.posts;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the {@code @name} mentions and {@code #tag} hashtags written in a post's text.
 *
 * <ul>
 *   <li>A mention is {@code @} and a well-formed username (a letter, then 2 to 29 letters, digits or
 *       underscores), not inside a word or an address: {@code email@example.com}, {@code host/@bob} and
 *       {@code @bob@example.org} mention nobody here.
 *   <li>A hashtag is {@code #} and up to {@value #MAX_TAG_LENGTH} letters (of any script), digits or
 *       underscores with at least one letter, not inside a word: {@code #java.} is {@code java}; {@code #},
 *       {@code #2026}, {@code a#b} and a longer run are not tags.
 * </ul>
 *
 * Tags are compared in one form, {@link #normalizeTag}: Unicode NFC in lower case, so {@code #Java} and
 * {@code #java} are one tag.
 */
public final class PostText {

    /** Long enough for any real tag; a longer run of letters is more likely noise than a topic. */
    public static final int MAX_TAG_LENGTH = 100;

    private static final String WORD = "\\p{L}\\p{M}\\p{N}_";

    private static final Pattern TERM = Pattern.compile("(?<![" + WORD + "&/#@])#([" + WORD + "]{1,"
            + MAX_TAG_LENGTH + "})(?![" + WORD + "])"
            + "|(?<![" + WORD + "/@])@([A-Za-z][A-Za-z0-9_]{2,29})(?![" + WORD + "@])");

    private static final Pattern ONE_TAG = Pattern.compile("[" + WORD + "]{1," + MAX_TAG_LENGTH + "}");

    private static final Pattern LETTER = Pattern.compile("\\p{L}");

    private PostText() {}

    /** The usernames mentioned, lower case, each once, in the order they first appear. */
    public static Set<String> mentionedNames(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher found = TERM.matcher(text);
        while (found.find()) {
            if (found.group(2) != null) {
                names.add(found.group(2).toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /** The hashtags, each once in the order they first appear: normalized form to the form first written. */
    public static Map<String, String> tags(String text) {
        Map<String, String> tags = new LinkedHashMap<>();
        Matcher found = TERM.matcher(text);
        while (found.find()) {
            String tag = found.group(1);
            if (tag != null && LETTER.matcher(tag).find()) {
                tags.putIfAbsent(normalize(tag), tag);
            }
        }
        return tags;
    }

    /**
     * The text cut into plain text, mentions and hashtags. Only names in {@code existing} (compared ignoring
     * case) become mentions: an {@code @name} of nobody stays plain text.
     */
    public static List<TextSegment> segments(String text, Collection<String> existing) {
        Set<String> known = new LinkedHashSet<>();
        existing.forEach(name -> known.add(name.toLowerCase(Locale.ROOT)));
        List<TextSegment> segments = new ArrayList<>();
        Matcher found = TERM.matcher(text);
        int plainFrom = 0;
        while (found.find()) {
            TextSegment term = null;
            if (found.group(1) != null && LETTER.matcher(found.group(1)).find()) {
                term = new TextSegment(TextSegment.Kind.TAG, found.group(), normalize(found.group(1)));
            } else if (found.group(2) != null && known.contains(found.group(2).toLowerCase(Locale.ROOT))) {
                term = new TextSegment(TextSegment.Kind.MENTION, found.group(), found.group(2));
            }
            if (term != null) {
                if (found.start() > plainFrom) {
                    segments.add(plain(text.substring(plainFrom, found.start())));
                }
                segments.add(term);
                plainFrom = found.end();
            }
        }
        if (plainFrom < text.length()) {
            segments.add(plain(text.substring(plainFrom)));
        }
        return segments;
    }

    /**
     * The tag named by what a reader typed or a link carries ({@code Java}, {@code #java}), in normalized form;
     * empty when no post could carry it.
     */
    public static Optional<String> normalizeTag(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String tag = typed.startsWith("#") ? typed.substring(1) : typed;
        tag = Normalizer.normalize(tag, Normalizer.Form.NFC);
        if (!ONE_TAG.matcher(tag).matches() || !LETTER.matcher(tag).find()) {
            return Optional.empty();
        }
        return Optional.of(tag.toLowerCase(Locale.ROOT));
    }

    private static String normalize(String tag) {
        return Normalizer.normalize(tag, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    private static TextSegment plain(String text) {
        return new TextSegment(TextSegment.Kind.TEXT, text, null);
    }
}
