package dev.microposts.accounts.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * What a new password must be: {@link #MIN_LENGTH} to {@link #MAX_LENGTH} characters (Unicode code points), not
 * one of the commonly used passwords, not a common password with digits or symbols added, and not the username.
 * The pages, the API description and the error messages take the lengths from here, so they state one rule.
 */
@Component
class PasswordPolicy {

    /** Mastodon's minimum: people who come from such a site already know it, and length beats rules of symbols. */
    static final int MIN_LENGTH = 8;

    static final int MAX_LENGTH = 256;

    private final Set<String> common;

    PasswordPolicy() {
        this.common = load("accounts/common-passwords.txt");
    }

    /** Why this password is refused, or empty when it is acceptable. */
    Optional<String> problemWith(String password, String username) {
        if (password == null || password.isEmpty()) {
            return Optional.of("is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of("must be at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower) || common.contains(lower.replaceAll("[^a-z]+$", ""))) {
            return Optional.of("is too common; choose one that is not on lists of leaked passwords");
        }
        if (username != null && lower.contains(username.toLowerCase(Locale.ROOT))) {
            return Optional.of("must not contain the username");
        }
        if (lower.codePoints().distinct().count() < 3) {
            return Optional.of("must use more than two different characters");
        }
        return Optional.empty();
    }

    private static Set<String> load(String resource) {
        Set<String> words = new HashSet<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String word = line.trim();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + resource, e);
        }
        return Set.copyOf(words);
    }
}
