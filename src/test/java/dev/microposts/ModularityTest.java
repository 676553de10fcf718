package dev.microposts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module structure is checked, not hoped for: no cycles, and modules only use each other's public
 * API (the base package), never their {@code internal} packages. The same model writes the module
 * diagram and canvases into {@code docs/modules}, so the picture is always the code's own.
 */
class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of(MicroPostsApplication.class);

    private static final Path DOCS = Path.of("docs/modules");

    /** Written by Spring Modulith's annotation processor as the main code compiles; the canvases' text. */
    private static final Path JAVADOC = Path.of("target/generated-spring-modulith/javadoc.json");

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void writesTheModuleDocumentation(@TempDir Path written) throws IOException {
        assertThat(JAVADOC)
                .as("the module descriptions come from %s; compile with ./mvnw first", JAVADOC)
                .content()
                .contains("\"dev.microposts.accounts\"");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(written.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
        List<Path> files;
        try (Stream<Path> listed = Files.list(written)) {
            files = listed.sorted().toList();
        }
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            Files.write(file, file.toString().endsWith(".puml") ? sortedRelations(lines) : sortedListEntries(lines));
        }

        String components = Files.readString(written.resolve("components.puml"));
        MODULES.forEach(module -> {
            assertThat(components).contains(module.getDisplayName());
            assertThat(written.resolve("module-" + module.getIdentifier() + ".adoc"))
                    .as("the canvas of %s describes it", module.getDisplayName())
                    .content()
                    .contains("|Description");
        });
        Files.createDirectories(DOCS);
        for (Path file : files) {
            Path checkedIn = DOCS.resolve(file.getFileName());
            byte[] content = Files.readAllBytes(file);
            // why: an unchanged file is left alone, so its timestamp does not suggest a change either
            if (!Files.exists(checkedIn) || !Arrays.equals(Files.readAllBytes(checkedIn), content)) {
                Files.write(checkedIn, content);
            }
        }
    }

    @Test
    void sortsTheEntriesOfEachListAndKeepsTheirContinuations() {
        List<String> canvas = List.of(
                "|Bean references",
                "|* `d.m.w.ApiLimits` (in Web)",
                "* `d.m.a.Users` (in Accounts) -- Looks users up.",
                "+",
                "Why: a second paragraph of the same entry.",
                "|Spring components",
                "|_Services_",
                "",
                "* `d.m.t.Tasks`",
                "* `d.m.t.Scheduler`",
                "|===");

        assertThat(sortedListEntries(canvas))
                .containsExactly(
                        "|Bean references",
                        "|* `d.m.a.Users` (in Accounts) -- Looks users up.",
                        "+",
                        "Why: a second paragraph of the same entry.",
                        "* `d.m.w.ApiLimits` (in Web)",
                        "|Spring components",
                        "|_Services_",
                        "",
                        "* `d.m.t.Scheduler`",
                        "* `d.m.t.Tasks`",
                        "|===");
    }

    /**
     * The documenter writes the arrows between modules in the order it meets them, which follows the identity
     * hash codes of the analysed classes and so changes from one JVM to the next; sorted, the diagrams change
     * only when the architecture does.
     */
    /**
     * The diagram's lines with its relations, and each run of component declarations, in one order: Spring
     * Modulith lists both in the order of a hash set, which differs from run to run.
     */
    private static List<String> sortedRelations(List<String> lines) {
        return sortedRuns(sortedRuns(lines, "Rel("), "    Component(");
    }

    /** Sorts each run of consecutive lines that start with {@code prefix}, leaving every other line in place. */
    private static List<String> sortedRuns(List<String> lines, String prefix) {
        List<String> sorted = new ArrayList<>();
        List<String> run = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith(prefix)) {
                run.add(line);
                continue;
            }
            run.sort(Comparator.naturalOrder());
            sorted.addAll(run);
            run.clear();
            sorted.add(line);
        }
        run.sort(Comparator.naturalOrder());
        sorted.addAll(run);
        return sorted;
    }

    /**
     * The canvases list a module's components, bean references and events in the order the documenter meets
     * them while it walks classes, members and dependency sets, an order no reader relies on and that moves
     * whenever a class or a dependency is added; sorted by name, a canvas changes only with what it lists.
     * An entry is the line that starts with {@code *} and the lines that continue it (its further paragraphs);
     * the first entry of a table cell carries the cell's {@code |}, which stays at the top.
     */
    static List<String> sortedListEntries(List<String> lines) {
        List<String> sorted = new ArrayList<>();
        List<List<String>> entries = new ArrayList<>();
        boolean opensCell = false;
        for (String line : lines) {
            boolean startsEntry = line.startsWith("* ") || line.startsWith("|* ");
            boolean continuesEntry = !entries.isEmpty() && !line.isEmpty() && !line.startsWith("|") && !startsEntry;
            if (startsEntry) {
                if (entries.isEmpty()) {
                    opensCell = line.startsWith("|");
                }
                entries.add(new ArrayList<>(List.of(line.startsWith("|") ? line.substring(1) : line)));
            } else if (continuesEntry) {
                entries.get(entries.size() - 1).add(line);
            } else {
                flush(entries, opensCell, sorted);
                sorted.add(line);
            }
        }
        flush(entries, opensCell, sorted);
        return sorted;
    }

    private static void flush(List<List<String>> entries, boolean opensCell, List<String> into) {
        entries.sort(Comparator.comparing(entry -> entry.get(0)));
        for (List<String> entry : entries) {
            into.addAll(entry);
        }
        if (opensCell && !entries.isEmpty()) {
            int first = into.size() - entries.stream().mapToInt(List::size).sum();
            into.set(first, "|" + into.get(first));
        }
        entries.clear();
    }
}
