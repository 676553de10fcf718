package dev.microposts.ops.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class RolesCheckTest {

    @Test
    @DisplayName("The old MICROPOSTS_ROLE label is called out, with the setting that replaced it")
    void theOldRoleLabelIsCalledOut() {
        var environment = new MockEnvironment().withProperty("microposts.role", "worker");

        assertThat(RolesCheck.obsoleteRoleSetting(environment)).hasValueSatisfying(warning -> assertThat(warning)
                .contains("MICROPOSTS_ROLE=worker is no longer read")
                .contains("MICROPOSTS_ROLES=all")
                .contains("Set MICROPOSTS_ROLES instead"));
    }

    @Test
    @DisplayName("Without the old label nothing is said")
    void withoutTheOldLabelNothingIsSaid() {
        assertThat(RolesCheck.obsoleteRoleSetting(new MockEnvironment().withProperty("microposts.roles", "web")))
                .isEmpty();
    }
}
