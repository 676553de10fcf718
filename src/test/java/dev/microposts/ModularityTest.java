package dev.microposts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module structure is checked, not hoped for: no cycles, and modules only use each other's public
 * API (the base package), never their {@code internal} packages. The same model writes the module
 * diagram and canvases into {@code docs/modules}, so the picture is always the code's own.
 */
class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of(MicroPostsApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void writesTheModuleDocumentation() throws IOException {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(DOCS.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
        sortRelations();

        String components = Files.readString(DOCS.resolve("components.puml"));
        MODULES.forEach(module -> assertThat(components).contains(module.getDisplayName()));
    }

    private static final Path DOCS = Path.of("docs/modules");

    /**
     * The documenter lists the arrows between modules in no stable order; sorted, the diagrams change
     * only when the architecture does, not with every test run.
     */
    private static void sortRelations() throws IOException {
        try (Stream<Path> files = Files.list(DOCS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".puml")).toList()) {
                List<String> lines = Files.readAllLines(file);
                List<String> relations = lines.stream()
                        .filter(l -> l.startsWith("Rel("))
                        .sorted()
                        .toList();
                List<String> sorted = new ArrayList<>();
                boolean inserted = false;
                for (String line : lines) {
                    if (!line.startsWith("Rel(")) {
                        sorted.add(line);
                    } else if (!inserted) {
                        sorted.addAll(relations);
                        inserted = true;
                    }
                }
                Files.write(file, sorted);
            }
        }
    }
}
