package dev.microposts.accounts.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Password hashing with a bound on how many run at once. Each argon2id hash takes 19 MiB and tens of
 * milliseconds of a core on purpose; without a bound, a flood of logins or registrations (which
 * need no account) would exhaust memory and CPU for everyone else. Past the bound, callers wait
 * briefly and then are refused as busy, with a few seconds to wait.
 */
@Component
class PasswordHashing {

    // why: OWASP's floor for argon2id is 19 MiB of memory, 2 iterations and 1 lane; hashes stored with
    // weaker parameters (the 16 MiB of earlier versions) are replaced at their owner's next login
    private final PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    private final int slots = Math.max(2, Runtime.getRuntime().availableProcessors() * 2);
    private final Semaphore permits = new Semaphore(slots);
    // why: sign-ups need no account, so a flood of them from many addresses could hold every slot and turn
    // members' logins away; they take one of these first, and there are fewer of them than slots
    private final Semaphore signUpPermits;
    private final Counter encodes;
    private final Counter checks;

    PasswordHashing(MeterRegistry meters, AccountsProperties properties) {
        this.encodes = hashes(meters, "encode");
        this.checks = hashes(meters, "check");
        this.signUpPermits =
                new Semaphore(signUpSlots(slots, properties.signUp().hashingShare()));
    }

    /** At least one, and at least one slot left for logins. */
    static int signUpSlots(int slots, double share) {
        return Math.max(1, Math.min(slots - 1, (int) Math.floor(slots * share)));
    }

    private static Counter hashes(MeterRegistry meters, String operation) {
        return Counter.builder("microposts.accounts.password.hashes")
                .description("Password hashes computed, the costly step of sign-ups, logins and password changes")
                .tag("operation", operation)
                .register(meters);
    }

    String encode(String password) {
        encodes.increment();
        acquire();
        try {
            return encoder.encode(password);
        } finally {
            permits.release();
        }
    }

    /** The hash of a new account's password, within the sign-ups' share of the slots. */
    String encodeForSignUp(String password) {
        acquire(signUpPermits);
        try {
            return encode(password);
        } finally {
            signUpPermits.release();
        }
    }

    boolean matches(String password, String hash) {
        checks.increment();
        acquire();
        try {
            return encoder.matches(password, hash);
        } finally {
            permits.release();
        }
    }

    /** Whether a stored hash was made with weaker parameters than today's, and should be made again. */
    boolean outdated(String hash) {
        return encoder.upgradeEncoding(hash);
    }

    private void acquire() {
        acquire(permits);
    }

    private static void acquire(Semaphore semaphore) {
        try {
            if (!semaphore.tryAcquire(5, TimeUnit.SECONDS)) {
                throw new HashingSlotsTaken();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HashingSlotsTaken();
        }
    }
}
