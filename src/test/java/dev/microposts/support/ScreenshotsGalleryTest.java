package dev.microposts.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's pictures stay true: each one it shows is in {@code docs/screenshots}, each file there is shown, and
 * each is taken by a browser test that the README's refresh command runs (the rolling upgrade's by its own
 * profile), so refreshing them all is one command that leaves nothing stale behind.
 */
class ScreenshotsGalleryTest {

    private static final Path DOCS = Path.of("docs/screenshots");
    private static final Pattern SHOWN = Pattern.compile("docs/screenshots/([a-z0-9-]+)\\.png");
    private static final Pattern TAKEN = Pattern.compile("\\.screenshot\\(\"([a-z0-9-]+)\"\\)");
    private static final Pattern REFRESH = Pattern.compile(
            "Refresh the screenshots with\\s+`\\./mvnw test -Dtest='([A-Za-z,]+)' -Dscreenshots\\.write=true`");

    @AfterEach
    void forgetTheSetting() {
        System.clearProperty("screenshots.write");
    }

    @Test
    void everyPictureTheReadmeShowsIsThereAndEveryPictureThereIsShown() throws IOException {
        Set<String> shown = matches(SHOWN, Files.readString(Path.of("README.md")));
        assertThat(shown).as("the README shows screenshots").isNotEmpty();
        assertThat(files())
                .as("docs/screenshots holds exactly what the README shows")
                .isEqualTo(shown);
    }

    @Test
    void everyPictureIsTakenByATestTheRefreshCommandRuns() throws IOException {
        Matcher refresh = REFRESH.matcher(Files.readString(Path.of("README.md")));
        assertThat(refresh.find())
                .as("the README says how to refresh the screenshots")
                .isTrue();
        List<String> classes = new ArrayList<>(List.of(refresh.group(1).split(",")));
        classes.add("RollingUpgradeIT"); // by -Pupgrade verify, as the README says
        Set<String> taken = new TreeSet<>();
        for (String name : classes) {
            Path source = testSource(name);
            taken.addAll(matches(TAKEN, Files.readString(source)));
        }
        assertThat(taken).as("shots taken by " + classes).containsAll(files());
    }

    @Test
    void onlyTheShotsAskedForGoToDocs() {
        assertThat(Browser.writesToDocs("home", true)).as("not asked").isFalse();

        System.setProperty("screenshots.write", "true");
        assertThat(Browser.writesToDocs("home", true))
                .as("a refresh rewrites a shown picture")
                .isTrue();
        assertThat(Browser.writesToDocs("report-sent", false))
                .as("a refresh adds no picture nobody shows")
                .isFalse();

        System.setProperty("screenshots.write", "thread, tag");
        assertThat(Browser.writesToDocs("tag", false))
                .as("a named shot is added")
                .isTrue();
        assertThat(Browser.writesToDocs("home", true))
                .as("one not named is left")
                .isFalse();

        System.setProperty("screenshots.write", "false");
        assertThat(Browser.writesToDocs("home", true)).isFalse();
    }

    private static Set<String> files() throws IOException {
        try (Stream<Path> files = Files.list(DOCS)) {
            return files.map(path -> path.getFileName().toString())
                    .map(name -> name.replaceFirst("\\.png$", ""))
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    private static Path testSource(String simpleName) throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            return files.filter(path -> path.getFileName().toString().equals(simpleName + ".java"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(
                            "the refresh command names " + simpleName + ", which is not a test here"));
        }
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
