package dev.microposts.accounts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The reserved usernames are refused in any letter case, and the README lists exactly those. */
class UsernameRulesTest {

    private static final Pattern README_LIST =
            Pattern.compile("so no account can have them, in any letter case:([^.]*)\\.");
    private static final Pattern NAME = Pattern.compile("`([^`]+)`");

    @Test
    void reservedNamesAreRefusedInAnyLetterCase() {
        assertThat(UsernameRules.RESERVED).isNotEmpty().allSatisfy(name -> {
            assertThat(UsernameRules.problemWith(name)).as(name).isPresent();
            assertThat(UsernameRules.problemWith(name.toUpperCase(Locale.ROOT)))
                    .as(name)
                    .isPresent();
        });
        assertThat(UsernameRules.problemWith("Root")).contains("is reserved for the site itself; choose another");
        assertThat(UsernameRules.problemWith("operator")).isEmpty();
    }

    @Test
    void theReadmeListsTheReservedNames() throws Exception {
        String readme = Files.readString(Path.of("README.md")).replace('\n', ' ');
        Matcher list = README_LIST.matcher(readme);
        assertThat(list.find())
                .as("the README's Accounts paragraph lists the reserved names")
                .isTrue();
        assertThat(NAME.matcher(list.group(1)).results().map(m -> m.group(1)).collect(Collectors.toSet()))
                .isEqualTo(UsernameRules.RESERVED);
    }
}
