package dev.microposts.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microposts.refusals.NotSignedIn;
import dev.microposts.refusals.Refusal;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UsernameOrMeResolverTest {

    @Test
    void aPathThatNamesSomeoneIsAboutThemWhoeverAsks() {
        assertThat(UsernameOrMeResolver.usernameFor(Map.of("username", "ann", "id", "7"), Optional.of("bob")))
                .isEqualTo("ann");
        assertThat(UsernameOrMeResolver.usernameFor(Map.of("username", "ann"), Optional.empty()))
                .isEqualTo("ann");
    }

    @Test
    void aMePathIsAboutWhoeverAsks() {
        assertThat(UsernameOrMeResolver.usernameFor(Map.of("id", "7"), Optional.of("bob")))
                .isEqualTo("bob");
        assertThat(UsernameOrMeResolver.usernameFor(Map.of(), Optional.of("bob")))
                .isEqualTo("bob");
    }

    @Test
    void aMePathWithNobodySignedInIsRefusedAsSecurityWouldRefuseIt() {
        assertThatThrownBy(() -> UsernameOrMeResolver.usernameFor(Map.of(), Optional.empty()))
                .isInstanceOf(NotSignedIn.class)
                .hasMessage(UsernameOrMeResolver.SIGN_IN_FIRST)
                .extracting(thrown -> ((Refusal) thrown).reason())
                .isEqualTo(Refusal.Reason.NOT_SIGNED_IN);
    }
}
