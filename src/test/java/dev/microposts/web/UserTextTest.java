package dev.microposts.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserTextTest {

    @Test
    void lengthIsCountedInCodePointsSoAnEmojiCountsOnce() {
        String emoji = "\uD83D\uDE00"; // one code point, two Java chars
        assertThat(UserText.problemWith(emoji.repeat(3), 3, false)).isEmpty();
        assertThat(UserText.problemWith(emoji.repeat(4), 3, false)).contains("must be at most 3 characters");
        assertThat(UserText.problemWith("abc", 3, false)).isEmpty();
        assertThat(UserText.problemWith("abcd", 3, false)).contains("must be at most 3 characters");
    }

    @Test
    void missingAndBlankTextIsRefusedUnlessBlankIsAllowed() {
        assertThat(UserText.problemWith(null, 10, false)).contains("must not be blank");
        assertThat(UserText.problemWith(" \t\n", 10, false)).contains("must not be blank");
        assertThat(UserText.problemWith(null, 10, true)).contains("is required");
        assertThat(UserText.problemWith("", 10, true)).isEmpty();
        assertThat(UserText.problemWith("  ", 10, true)).isEmpty();
    }

    @Test
    void whatPostgresqlCannotStoreIsRefused() {
        assertThat(UserText.problemWith("a\0b", 10, false)).contains("must not contain NUL characters");
        assertThat(UserText.problemWith("a\uD83Db", 10, false)).contains("contains an invalid Unicode character");
        assertThat(UserText.problemWith("a\uDE00", 10, false)).contains("contains an invalid Unicode character");
        assertThat(UserText.problemWith("\uD83D", 10, false)).contains("contains an invalid Unicode character");
        assertThat(UserText.problemWith("\uDE00\uD83D", 10, false)).contains("contains an invalid Unicode character");
    }

    @Test
    void theTextIsAcceptedAsItIsWithMarkupAndControlCharacters() {
        assertThat(UserText.problemWith("<script>alert(1)</script>", 100, false))
                .isEmpty();
        assertThat(UserText.problemWith("line one\r\nline two\u202e", 100, false))
                .isEmpty();
    }
}
