package dev.microposts.posts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.posts.TextSegment.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostTextTest {

    @Test
    void findsMentionsAndTagsWithTheirTrailingPunctuationLeftOut() {
        String text = "Hi @Bob_1, see #Java. And #java again, #Café! (@ann)";

        assertThat(PostText.mentionedNames(text)).containsExactly("bob_1", "ann");
        assertThat(PostText.tags(text))
                .containsExactly(java.util.Map.entry("java", "Java"), java.util.Map.entry("café", "Café"));
    }

    @Test
    void addressesAndStrayMarksAreNeitherMentionsNorTags() {
        String text = "mail email@example.com or @bob@example.org, see https://x.example/@carl and"
                + " page#part, # alone, ## , #2026, a#b, &#39; @ab @_x";

        assertThat(PostText.mentionedNames(text)).isEmpty();
        assertThat(PostText.tags(text)).isEmpty();
    }

    @Test
    void tagsOfAnyScriptAreOneTagWhateverTheirCase() {
        assertThat(PostText.tags("#日本語 #Ελληνικά #ΕΛΛΗΝΙΚΆ #straße_2026 #ÉTÉ"))
                .containsOnlyKeys("日本語", "ελληνικά", "straße_2026", "été");
        assertThat(PostText.normalizeTag("#Java")).contains("java");
        assertThat(PostText.normalizeTag("ÉTÉ")).contains("été");
        assertThat(PostText.normalizeTag("#")).isEmpty();
        assertThat(PostText.normalizeTag("2026")).isEmpty();
        assertThat(PostText.normalizeTag("no spaces")).isEmpty();
        assertThat(PostText.normalizeTag("<script>")).isEmpty();
    }

    @Test
    void aVeryLongRunIsNotATag() {
        String hundred = "a".repeat(PostText.MAX_TAG_LENGTH);

        assertThat(PostText.tags("#" + hundred)).containsOnlyKeys(hundred);
        assertThat(PostText.tags("#" + hundred + "b")).isEmpty();
        assertThat(PostText.normalizeTag(hundred + "b")).isEmpty();
    }

    @Test
    void onlyPeopleWhoExistBecomeMentionsAndTheRestStaysText() {
        String text = "<script>alert(1)</script> @bob meets @nobody in #Paris.";

        List<TextSegment> segments = PostText.segments(text, List.of("Bob"));

        assertThat(segments)
                .containsExactly(
                        new TextSegment(Kind.TEXT, "<script>alert(1)</script> ", null),
                        new TextSegment(Kind.MENTION, "@bob", "bob"),
                        new TextSegment(Kind.TEXT, " meets @nobody in ", null),
                        new TextSegment(Kind.TAG, "#Paris", "paris"),
                        new TextSegment(Kind.TEXT, ".", null));
        assertThat(String.join("", segments.stream().map(TextSegment::text).toList()))
                .isEqualTo(text);
    }

    @Test
    void markupAroundAMarkIsTextAndTheMarkIsNotTaken() {
        String text = "@<img src=x onerror=alert(1)> #<b>bold</b> #\"onmouseover=x";

        assertThat(PostText.segments(text, List.of("img"))).containsExactly(new TextSegment(Kind.TEXT, text, null));
    }
}
