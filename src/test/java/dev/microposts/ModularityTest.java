package dev.microposts;

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
    void writesTheModuleDocumentation() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("docs/modules"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
    }
}
