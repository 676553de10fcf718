package dev.microposts.accounts.internal;

import dev.microposts.web.ApiProblem;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Password hashing with a bound on how many run at once. Each argon2id hash takes 16 MiB and tens of
 * milliseconds of a core on purpose; without a bound, a flood of logins or registrations (which
 * need no account) would exhaust memory and CPU for everyone else. Past the bound, callers wait
 * briefly and then get 503 with {@code Retry-After}.
 */
@Component
class PasswordHashing {

    // argon2id, 16 MiB memory, 2 iterations: OWASP's floor for argon2id
    private final PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final Semaphore permits =
            new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors() * 2));

    String encode(String password) {
        acquire();
        try {
            return encoder.encode(password);
        } finally {
            permits.release();
        }
    }

    boolean matches(String password, String hash) {
        acquire();
        try {
            return encoder.matches(password, hash);
        } finally {
            permits.release();
        }
    }

    private void acquire() {
        try {
            if (!permits.tryAcquire(5, TimeUnit.SECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
    }

    private static ApiProblem busy() {
        ApiProblem problem = new ApiProblem(
                HttpStatus.SERVICE_UNAVAILABLE, "Too many logins and sign-ups at once; try again in a few seconds");
        problem.getHeaders().set("Retry-After", "5");
        return problem;
    }
}
