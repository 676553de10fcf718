package dev.microposts.posts;

/**
 * A piece of a post's text as pages show it: plain text, a mention of someone who exists ({@code value} is their
 * username as written) or a hashtag ({@code value} is the tag as matched, in lower case). Templates render each
 * piece as escaped text, the last two inside a link, so nothing in a post can become markup.
 */
public record TextSegment(Kind kind, String text, String value) {

    /** What a piece of text is. */
    public enum Kind {
        TEXT,
        MENTION,
        TAG
    }

    public boolean isMention() {
        return kind == Kind.MENTION;
    }

    public boolean isTag() {
        return kind == Kind.TAG;
    }
}
