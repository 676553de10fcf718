package dev.microposts.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.support.Api;
import dev.microposts.support.AppProcess;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin commands the README shows work as shown. Every example line of its "Admin commands" section runs
 * as a process of its own, as an operator would type it, in the README's order and on one data directory, and
 * must succeed; the README shows every command there is. The README's placeholders get what an operator would
 * fill in: a password for {@code ...}, the user of the first {@code create-user} line for {@code <username>},
 * and for {@code <media-id>} a file the service took as a video before the commands run, and refused.
 */
class ReadmeAdminCommandsTest {

    private static final String JAR = "target/microposts-*.jar";
    private static final Pattern COMMENT = Pattern.compile("\\s+#\\s.*$");
    private static final Pattern ENVIRONMENT = Pattern.compile("[A-Z][A-Z0-9_]*=.*");
    private static final Pattern LISTED_COMMAND = Pattern.compile("^  ([a-z][a-z-]+) ", Pattern.MULTILINE);

    /** What each command says when it did its work, besides exiting with 0. */
    private static final Map<String, String> SUCCESS = Map.ofEntries(
            Map.entry("help", "commands:"),
            Map.entry("migrate", "the schema is at version"),
            Map.entry("create-user", "Created "),
            Map.entry("grant-admin", "is now an admin"),
            Map.entry("revoke-admin", "is no longer an admin"),
            Map.entry("reset-password", "New password (shown only now): "),
            Map.entry("media-failed", "failed item(s)"),
            Map.entry("media-reprocess", "Reprocessing "),
            Map.entry("media-purge-orphans", "orphaned file(s) found"),
            Map.entry("events-incomplete", "not yet sent to the broker"),
            Map.entry("events-resubmit", "Resubmitted "),
            Map.entry("queue-benchmark", "tasks/s end to end"));

    @TempDir
    Path directory;

    @Test
    void everyAdminCommandInTheReadmeRunsAsShown() throws Exception {
        List<Example> examples = readmeExamples();
        assertThat(examples)
                .as("examples in the README's Admin commands section")
                .isNotEmpty();
        Path dataDir = Files.createDirectories(directory.resolve("data"));
        String refusedVideo = uploadAFileThatIsNoVideo(dataDir);
        String firstUser = examples.stream()
                .filter(e -> e.command().equals("create-user"))
                .map(e -> e.arguments().get(1))
                .findFirst()
                .orElseThrow();
        Map<String, String> placeholders = Map.of(
                "...", Api.STRONG_PASSWORD,
                "<username>", firstUser,
                "<media-id>", refusedVideo);

        Map<String, String> outputs = new LinkedHashMap<>();
        for (Example example : examples) {
            Example filled = example.fill(placeholders);
            AppProcess.Command run = AppProcess.runCommand(
                    dataDir,
                    directory.resolve("command-" + outputs.size() + ".log"),
                    filled.environment(),
                    filled.arguments());
            assertThat(run.exitCode())
                    .as("%s%n%s", example.line(), run.output())
                    .isZero();
            assertThat(run.output())
                    .as(example.line())
                    .contains(SUCCESS.getOrDefault(example.command(), "no expected output known for this command"));
            outputs.put(example.line(), run.output());
        }

        String help = outputs.entrySet().stream()
                .filter(e -> e.getKey().contains(JAR + " help"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the README shows no help command"));
        Set<String> listed = LISTED_COMMAND
                .matcher(help)
                .results()
                .map(m -> m.group(1))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> shown = examples.stream().map(Example::command).collect(Collectors.toCollection(TreeSet::new));
        shown.remove("help");
        assertThat(shown).as("the README shows every command help lists").isEqualTo(listed);
        assertThat(outputs.values()).anySatisfy(output -> assertThat(output).contains("Created admin 'operator'"));
        assertThat(outputs.values())
                .anySatisfy(output ->
                        assertThat(output).contains(refusedVideo + "  ").contains("failed item(s)"));
    }

    /** The service takes a file that is not a video and refuses it; what an operator would then reprocess. */
    private String uploadAFileThatIsNoVideo(Path dataDir) {
        try (AppProcess service = AppProcess.start(dataDir, directory.resolve("service.log"), Map.of())) {
            Api api = service.api();
            Api.User member = api.newUser("member");
            Api.Response upload = api.send(api.request("/api/v1/media", member.token())
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofString("these are my notes, not a video\n".repeat(50))));
            assertThat(upload.status()).as(upload.toString()).isEqualTo(202);
            String id = upload.json().get("id").asString();
            await().atMost(Duration.ofMinutes(2)).until(() -> api.get("/api/v1/media/" + id, member.token())
                    .json()
                    .path("status")
                    .asString()
                    .equals("failed"));
            return id;
        }
    }

    /** The lines of the README's admin section that run the jar, without their comments. */
    private static List<Example> readmeExamples() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("\n## Admin commands\n");
        assertThat(start).as("the README has an Admin commands section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        List<Example> examples = new ArrayList<>();
        for (String line :
                readme.substring(start, end < 0 ? readme.length() : end).split("\n")) {
            if (line.startsWith("    ") && line.contains(JAR)) {
                examples.add(Example.parse(COMMENT.matcher(line.strip()).replaceFirst("")));
            }
        }
        return examples;
    }

    /** One example line: the environment it sets and the arguments it gives the jar. */
    record Example(String line, Map<String, String> environment, List<String> arguments) {

        static Example parse(String line) {
            List<String> words = Arrays.asList(line.split("\\s+"));
            Map<String, String> environment = new LinkedHashMap<>();
            int at = 0;
            while (at < words.size() && ENVIRONMENT.matcher(words.get(at)).matches()) {
                String[] variable = words.get(at++).split("=", 2);
                environment.put(variable[0], variable[1]);
            }
            assertThat(words.subList(at, Math.min(at + 3, words.size())))
                    .as("%s runs the jar", line)
                    .containsExactly("java", "-jar", JAR);
            return new Example(line, environment, List.copyOf(words.subList(at + 3, words.size())));
        }

        String command() {
            return arguments.isEmpty() ? "help" : arguments.get(0);
        }

        Example fill(Map<String, String> placeholders) {
            Map<String, String> environment = new LinkedHashMap<>();
            this.environment.forEach((name, value) -> environment.put(name, placeholders.getOrDefault(value, value)));
            List<String> arguments = this.arguments.stream()
                    .map(a -> placeholders.getOrDefault(a, a))
                    .toList();
            return new Example(line, environment, arguments);
        }
    }
}
