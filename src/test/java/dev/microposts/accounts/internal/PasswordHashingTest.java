package dev.microposts.accounts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PasswordHashingTest {

    @Test
    @DisplayName("Sign-ups never hold every password hashing slot, whatever share is configured")
    void signUpsLeaveLoginsASlot() {
        assertThat(PasswordHashing.signUpSlots(4, 0.5)).isEqualTo(2);
        assertThat(PasswordHashing.signUpSlots(2, 0.5)).isEqualTo(1);
        assertThat(PasswordHashing.signUpSlots(4, 1.0)).isEqualTo(3);
        assertThat(PasswordHashing.signUpSlots(16, 0.01)).isEqualTo(1);
    }
}
