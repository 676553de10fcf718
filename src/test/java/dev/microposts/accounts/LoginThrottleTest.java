package dev.microposts.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Failed logins are throttled per account and address, per address, and per account, and the owner
 * logging in from an address they used before is never locked out by someone else's attack. Requests
 * come from distinct loopback addresses (127.0.0.x), as they would from distinct machines.
 */
class LoginThrottleTest extends ApiTest {

    @Test
    void guessesFromOneAddressAreSlowedDownThere() {
        Api.User victim = api.newUser("guessed");
        String attacker = "127.0.0.21";

        for (int i = 0; i < 5; i++) {
            assertThat(login(attacker, victim.username(), "guess-number-" + i).status())
                    .isEqualTo(401);
        }
        Reply throttled = login(attacker, victim.username(), Api.STRONG_PASSWORD);

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(1, 15 * 60);
        assertThat(throttled.body()).contains("Too many failed logins");
        // the right password from elsewhere still works
        assertThat(login("127.0.0.22", victim.username(), Api.STRONG_PASSWORD).status())
                .isEqualTo(200);
    }

    @Test
    void anAttackFromManyAddressesDoesNotLockTheOwnerOut() {
        Api.User victim = api.newUser("targeted");
        String home = "127.0.0.31";
        assertThat(login(home, victim.username(), Api.STRONG_PASSWORD).status()).isEqualTo(200);

        // 20 failures spread over 5 addresses: under the per-address limit, at the per-account one
        for (int i = 0; i < 20; i++) {
            login("127.0.0." + (40 + i % 5), victim.username(), "spray-" + i);
        }

        assertThat(login("127.0.0.50", victim.username(), Api.STRONG_PASSWORD).status())
                .as("a new address is throttled while the account is under attack")
                .isEqualTo(429);
        assertThat(login(home, victim.username(), Api.STRONG_PASSWORD).status())
                .as("the owner's known address is not")
                .isEqualTo(200);
    }

    @Test
    void aBurstOfParallelGuessesIsCountedAsAWhole() throws Exception {
        Api.User victim = api.newUser("burst");
        String attacker = "127.0.0.61";
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> replies = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String guess = "parallel-guess-" + i;
                replies.add(pool.submit(() -> {
                    start.await();
                    return login(attacker, victim.username(), guess).status();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> reply : replies) {
                statuses.add(reply.get());
            }
            assertThat(statuses).containsOnly(401, 429);
            assertThat(statuses.stream().filter(s -> s == 401).count())
                    .as("about the per-account-and-address limit of 5 got a password check, not all 20")
                    .isLessThanOrEqualTo(7);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void namesThatCannotBeUsernamesAreRefusedWithoutALookup() {
        Api.User user = api.newUser("dotless");
        String lookalike = user.username().replaceFirst("o", "\u00f6");

        assertThat(login("127.0.0.71", lookalike, Api.STRONG_PASSWORD).status()).isEqualTo(401);
    }

    record Reply(int status, String headers, String body) {
        String header(String name) {
            Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ":\\s*(.+)$")
                    .matcher(headers);
            return m.find() ? m.group(1).trim() : null;
        }
    }

    /** POST /api/v1/token over a socket bound to {@code from}, since HTTP clients cannot pick their address. */
    private Reply login(String from, String username, String password) {
        String body = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            String text = response.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            int status = Integer.parseInt(text.substring(9, 12));
            return new Reply(status, text.substring(0, split), text.substring(split + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
