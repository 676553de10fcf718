package dev.microposts.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * {@code RELEASES.tsv} is the record of what was released, since tags may not travel with the repository: each
 * of its lines must be a release the changelog describes under the same date, made from a commit this history
 * holds, and the version being built must come after the last of them, as {@code RELEASING.md} lays out.
 */
class ReleasesFileTest {

    private static final Pattern SEMVER = Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern CHANGELOG_RELEASE =
            Pattern.compile("^## \\[([^]]+)] - (\\d{4}-\\d{2}-\\d{2})$", Pattern.MULTILINE);

    private static List<String[]> releases;
    private static String changelog;

    @BeforeAll
    static void read() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("RELEASES.tsv"), StandardCharsets.UTF_8);
        assertThat(lines).as("RELEASES.tsv").isNotEmpty();
        assertThat(lines.get(0)).as("the header of RELEASES.tsv").isEqualTo("version\tcommit\tdate");
        releases = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            releases.add(line.split("\t", -1));
        }
        changelog = Files.readString(Path.of("CHANGELOG.md"), StandardCharsets.UTF_8);
    }

    @Test
    void everyReleaseHasASemanticVersionAFullCommitAndAnIsoDate() {
        assertThat(releases).as("released versions").isNotEmpty();
        for (String[] release : releases) {
            String line = String.join("\\t", release);
            assertThat(release).as(line).hasSize(3);
            assertThat(release[0]).as("version in %s", line).matches(SEMVER);
            assertThat(release[1]).as("commit in %s", line).matches(COMMIT);
            assertThat(isIsoDate(release[2])).as("date in %s", line).isTrue();
        }
    }

    @Test
    void versionsAndDatesGoForward() {
        for (int i = 1; i < releases.size(); i++) {
            String[] before = releases.get(i - 1);
            String[] after = releases.get(i);
            assertThat(compare(after[0], before[0]))
                    .as("%s comes after %s", after[0], before[0])
                    .isPositive();
            assertThat(after[2]).as("the date of %s", after[0]).isGreaterThanOrEqualTo(before[2]);
        }
    }

    @Test
    void everyReleaseHasItsChangelogSectionWithTheSameDate() {
        List<String> described = new ArrayList<>();
        Matcher sections = CHANGELOG_RELEASE.matcher(changelog);
        while (sections.find()) {
            described.add(sections.group(1) + "\t" + sections.group(2));
        }
        for (String[] release : releases) {
            assertThat(described)
                    .as("CHANGELOG.md has '## [%s] - %s'", release[0], release[2])
                    .contains(release[0] + "\t" + release[2]);
        }
    }

    @Test
    void theChangelogHasAnUnreleasedSection() {
        assertThat(changelog).containsPattern(Pattern.compile("^## \\[Unreleased]$", Pattern.MULTILINE));
    }

    @Test
    void theVersionBuiltIsTheLastReleaseOrOneBeingCutOrASnapshotOfALaterOne() throws Exception {
        String last = releases.get(releases.size() - 1)[0];
        String built = builtVersion();

        if (!built.equals(last)) {
            if (!built.endsWith("-SNAPSHOT")) {
                // why: the commit that cuts a release cannot hold its own hash, so its line in RELEASES.tsv comes in
                // the next commit; until then the changelog's section for it is what makes it a release
                assertThat(built).as("the version in pom.xml").matches(SEMVER);
                assertThat(compare(built, last))
                        .as("%s comes after the last release, %s", built, last)
                        .isPositive();
                assertThat(changelog)
                        .as("CHANGELOG.md has a section for the release being cut, %s", built)
                        .containsPattern(Pattern.compile(
                                "^## \\[" + Pattern.quote(built) + "] - \\d{4}-\\d{2}-\\d{2}$", Pattern.MULTILINE));
                return;
            }
            String next = built.substring(0, built.length() - "-SNAPSHOT".length());
            assertThat(next).as("the version in pom.xml").matches(SEMVER);
            assertThat(compare(next, last))
                    .as("%s comes after the last release, %s", built, last)
                    .isPositive();
        }
    }

    @Test
    void everyReleasedCommitIsInTheHistoryUnlessTheCloneIsShallow() throws Exception {
        if (git("rev-parse", "--git-dir") != 0) {
            return; // why: a source archive has no history to check the commits against, only their form
        }
        boolean shallow = gitOutput("rev-parse", "--is-shallow-repository").equals("true");
        for (String[] release : releases) {
            boolean present = git("cat-file", "-e", release[1] + "^{commit}") == 0;
            if (!shallow) {
                assertThat(present)
                        .as("the commit of %s, %s, is in the history", release[0], release[1])
                        .isTrue();
            }
        }
    }

    /** Orders {@code MAJOR.MINOR.PATCH} versions by their numbers, which a string order gets wrong past 9. */
    static int compare(String a, String b) {
        return Comparator.<int[]>comparingInt(v -> v[0])
                .thenComparingInt(v -> v[1])
                .thenComparingInt(v -> v[2])
                .compare(numbers(a), numbers(b));
    }

    private static int[] numbers(String version) {
        Matcher matcher = SEMVER.matcher(version);
        assertThat(matcher.matches()).as("%s is MAJOR.MINOR.PATCH", version).isTrue();
        return new int[] {
            Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3))
        };
    }

    private static boolean isIsoDate(String text) {
        try {
            return LocalDate.parse(text).toString().equals(text);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The build's record when there is one, since it is what the jar reports; the pom's own otherwise. */
    private static String builtVersion() throws Exception {
        Path buildInfo = Path.of("target/classes/META-INF/build-info.properties");
        if (Files.exists(buildInfo)) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(buildInfo)) {
                properties.load(in);
            }
            return properties.getProperty("build.version");
        }
        Element project = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(Path.of("pom.xml").toFile())
                .getDocumentElement();
        for (Node child = project.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && element.getTagName().equals("version")) {
                return element.getTextContent().strip();
            }
        }
        throw new AssertionError("pom.xml has no version of its own");
    }

    private static int git(String... arguments) throws Exception {
        Process process = start(arguments);
        process.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("git answers").isTrue();
        return process.exitValue();
    }

    private static String gitOutput(String... arguments) throws Exception {
        Process process = start(arguments);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("git answers").isTrue();
        return output;
    }

    private static Process start(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
