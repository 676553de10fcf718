package dev.microposts.posts.internal;

import dev.microposts.posts.PostText;
import java.util.ArrayList;
import java.util.List;

/**
 * A search split into the hashtags it names ({@code #java}) and the other words. Tags are looked up among the
 * posts' tags, since the text's words would also match a post that merely says "java"; the words go to the
 * full-text search as typed.
 */
record SearchTerms(String words, List<String> tags) {

    static SearchTerms of(String query) {
        List<String> words = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        for (String token : query.strip().split("\\s+")) {
            var tag = token.startsWith("#") ? PostText.normalizeTag(token) : java.util.Optional.<String>empty();
            if (tag.isPresent()) {
                if (!tags.contains(tag.get())) {
                    tags.add(tag.get());
                }
            } else {
                words.add(token);
            }
        }
        return new SearchTerms(String.join(" ", words), List.copyOf(tags));
    }
}
