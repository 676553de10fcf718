package dev.microposts.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import dev.microposts.support.SseClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Attacks on the live streams, against the running application. */
class LiveAttacksTest extends ApiTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    @DisplayName("A client whose event streams never read does not delay anyone else's live updates")
    void aStalledStreamDoesNotDelayOthers() throws Exception {
        Api.User stalling = api.newUser("stalling");
        Api.User reader = api.newUser("reader");
        List<Socket> stalled = new ArrayList<>();
        try (SseClient stream = SseClient.connect(port, reader.token())) {
            for (int i = 0; i < 5; i++) {
                stalled.add(openWithoutReading(stalling.token()));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.status() == 200);
            // why: a burst of events for the stalling user, larger than what its connections can buffer, written
            // straight into the bus log: the notifications a popular account's followers would cause
            long stallingId = jdbc.sql("select id from users where username = ?")
                    .param(stalling.username())
                    .query(Long.class)
                    .single();
            jdbc.sql("insert into bus_events (id, type, version, subject, occurred_at, data)"
                            + " select gen_random_uuid(), 'microposts.notification.added', 1, 'flood', now(),"
                            + " jsonb_build_object('user_id', ?, 'padding', repeat('x', 8000))"
                            + " from generate_series(1, 1000)")
                    .param(stallingId)
                    .update();

            long posted = api.newPost(reader, "still live");
            await("the reader's own post on its stream")
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> stream.events().stream()
                            .anyMatch(event -> event.data().contains("\"post_id\":" + posted)));
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    @Test
    @DisplayName("A user opening stream after stream holds at most five: the sixth closes the oldest")
    void theSixthStreamClosesTheOldest() {
        Api.User user = api.newUser("manystreams");
        List<SseClient> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                SseClient stream = SseClient.connect(port, user.token());
                streams.add(stream);
                await().atMost(Duration.ofSeconds(10)).until(() -> stream.status() == 200);
            }
            await("the oldest stream closed").atMost(Duration.ofSeconds(10)).until(() -> streams.get(0)
                    .ended());
            assertThat(streams.subList(1, 6)).noneMatch(SseClient::ended);

            long posted = api.newPost(user, "to the five");
            await("the post on the five open streams")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> streams.subList(1, 6).stream().allMatch(s -> s.events().stream()
                            .anyMatch(e -> e.data().contains("\"post_id\":" + posted))));
        } finally {
            streams.forEach(SseClient::close);
        }
    }

    /** An event stream whose client takes in almost nothing: a tiny receive window, and it never reads. */
    private Socket openWithoutReading(String token) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(1024);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/v1/me/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                        + "Authorization: Bearer " + token + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }
}
