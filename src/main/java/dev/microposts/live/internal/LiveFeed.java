package dev.microposts.live.internal;

import dev.microposts.accounts.Relations;
import dev.microposts.bus.BusHistory;
import dev.microposts.timeline.FollowGraph;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the bus log and sends each open stream the events that concern its user, with the log's sequence number
 * as the SSE id. Sequence numbers are taken when a transaction inserts, not when it commits, so a number can show
 * up after a higher one: a missing number is looked for again for a few seconds before the feed moves past it.
 *
 * <p>The reading runs on the scheduler every process shares, so it never writes to a client itself: each
 * stream has a bounded queue, written out by a thread of its own pool. A client that reads nothing can then
 * hold only its own writer; once its queue is full the stream is closed, and the client catches up with
 * {@code Last-Event-ID} when it comes back.
 */
@Component
class LiveFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
    private static final long GAP_PATIENCE_MILLIS = 5_000;
    private static final int READ_LIMIT = 1000;

    /** The event types that reach streams (see {@link #audience}). */
    private static final Set<String> LIVE_TYPES = Set.of(
            "microposts.post.published",
            "microposts.post.deleted",
            "microposts.notification.added",
            "microposts.video.probed",
            "microposts.video.ready",
            "microposts.video.failed",
            "microposts.user.suspended");

    private final BusHistory history;
    private final FollowGraph follows;
    private final Relations relations;
    private final ObjectMapper json;
    private final LiveProperties properties;
    private final Map<Long, List<Stream>> streams = new ConcurrentHashMap<>();
    /** All numbers up to here are sent or given up on. */
    private long settled = -1;
    /** Numbers above {@link #settled} already sent, and gaps with when they were first seen. */
    private final Set<Long> sentAbove = ConcurrentHashMap.newKeySet();

    private final TreeMap<Long, Long> gaps = new TreeMap<>();
    private long lastHeartbeat = System.currentTimeMillis();
    private volatile boolean running;
    private final boolean web;
    // why: a write to a client that does not read blocks until the connection times out, so each stream's
    // writes run here, one writer per stream at a time, never on the scheduler
    private final ExecutorService writers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "live-writer");
        thread.setDaemon(true);
        return thread;
    });

    LiveFeed(
            BusHistory history,
            FollowGraph follows,
            Relations relations,
            ObjectMapper json,
            LiveProperties properties,
            @Value("${microposts.process.web}") boolean web) {
        this.web = web;
        this.history = history;
        this.follows = follows;
        this.relations = relations;
        this.json = json;
        this.properties = properties;
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every open stream before the web server's graceful shutdown, which would otherwise wait for them
     * until its timeout. Each gets a {@code retry:} hint first, a second or three picked at random so a stopping
     * process's clients do not all come back in the same instant; they reconnect to another process with
     * {@code Last-Event-ID} and miss nothing.
     */
    @Override
    public void stop() {
        running = false;
        List<Stream> all = new ArrayList<>();
        streams.values().forEach(all::addAll);
        streams.clear();
        all.forEach(Stream::closeForReconnect);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Opens a stream for {@code userId}, replaying what it missed after {@code lastEventId} if given. */
    SseEmitter open(long userId, Long lastEventId) throws IOException {
        SseEmitter emitter = new SseEmitter(properties.timeout().toMillis());
        Stream stream = new Stream(userId, emitter);
        emitter.onCompletion(() -> close(stream));
        emitter.onTimeout(() -> close(stream));
        emitter.onError(e -> close(stream));
        emitter.send(SseEmitter.event().comment("connected"));
        if (lastEventId != null) {
            List<Row> missed = rows(history.after(lastEventId, properties.replayLimit()));
            for (Row row : missed) {
                if (audience(row, List.of(userId)).contains(userId)) {
                    stream.replayed.add(row.seq());
                    // why: on the client's own request thread, so the replay may take its time
                    emitter.send(event(row, payload(row)));
                }
            }
        }
        List<Stream> evicted = new ArrayList<>();
        streams.compute(userId, (id, list) -> {
            List<Stream> open = list == null ? new CopyOnWriteArrayList<>() : list;
            open.add(stream);
            while (open.size() > properties.maxStreamsPerUser()) {
                evicted.add(open.remove(0));
            }
            return open;
        });
        evicted.forEach(Stream::closeAsOneTooMany);
        return emitter;
    }

    private void close(Stream stream) {
        stream.closed = true;
        List<Stream> list = streams.get(stream.userId);
        if (list != null) {
            list.remove(stream);
            streams.computeIfPresent(stream.userId, (id, l) -> l.isEmpty() ? null : l);
        }
    }

    @Scheduled(fixedDelayString = "${microposts.live.poll-interval}")
    synchronized void poll() {
        if (!web) {
            return; // why: a worker serves no streams, so reading the log for them is wasted work
        }
        try {
            heartbeat();
            if (settled < 0 || streams.isEmpty()) {
                // why: nobody to send to; a stream that opens later catches up from the log by Last-Event-ID
                settled = history.newest();
                sentAbove.clear();
                gaps.clear();
                return;
            }
            while (readAfterSettled() == READ_LIMIT) {
                // a backlog: keep reading until caught up
            }
        } catch (RuntimeException e) {
            log.warn("Reading the bus log for live streams failed ({})", e.toString());
        }
    }

    /** Sends what was logged after {@link #settled}, up to {@value #READ_LIMIT} events; answers how many. */
    private int readAfterSettled() {
        long now = System.currentTimeMillis();
        List<Row> rows = rows(history.after(settled, READ_LIMIT));
        long expected = settled + 1;
        for (Row row : rows) {
            for (long missing = expected; missing < row.seq(); missing++) {
                if (!sentAbove.contains(missing)) {
                    gaps.putIfAbsent(missing, now);
                }
            }
            expected = row.seq() + 1;
            gaps.remove(row.seq());
            if (sentAbove.add(row.seq()) && row.data() != null && !streams.isEmpty()) {
                dispatch(row);
            }
        }
        gaps.values().removeIf(firstSeen -> now - firstSeen > GAP_PATIENCE_MILLIS);
        long top = rows.isEmpty() ? settled : rows.get(rows.size() - 1).seq();
        long newSettled = gaps.isEmpty() ? top : gaps.firstKey() - 1;
        if (newSettled > settled) {
            settled = newSettled;
            sentAbove.removeIf(seq -> seq <= settled);
        }
        return rows.size();
    }

    private void dispatch(Row row) {
        if (row.type().equals("microposts.user.suspended")) {
            // why: the account's sessions and tokens ended with the suspension; its open streams end with them
            List.copyOf(streams.getOrDefault(row.data().path("user_id").asLong(), List.of()))
                    .forEach(stream -> stream.finish(null));
        }
        Set<Long> audience = audience(row, streams.keySet());
        if (audience.isEmpty()) {
            return;
        }
        String payload = payload(row);
        for (Long userId : audience) {
            for (Stream stream : streams.getOrDefault(userId, List.of())) {
                if (!stream.replayed.remove(row.seq())) {
                    stream.send(row, payload);
                }
            }
        }
    }

    /** Which of {@code connected} the event concerns. */
    private Set<Long> audience(Row row, Collection<Long> connected) {
        JsonNode data = row.data();
        return switch (row.type()) {
            case "microposts.post.published", "microposts.post.deleted" -> {
                long author = data.path("author_id").asLong();
                Set<Long> users = new java.util.HashSet<>(follows.followersAmong(author, connected));
                // why: a mute keeps the follow, and a block's unfollows may still be on their way
                users.removeAll(relations.hidingAmong(author, users));
                if (connected.contains(author)) {
                    users.add(author);
                }
                yield users;
            }
            case "microposts.notification.added" -> only(data.path("user_id").asLong(), connected);
            case "microposts.user.suspended" ->
                Set.copyOf(follows.followersAmong(data.path("user_id").asLong(), connected));
            case "microposts.video.probed", "microposts.video.ready", "microposts.video.failed" ->
                only(data.path("owner_id").asLong(), connected);
            default -> Set.of();
        };
    }

    private static Set<Long> only(long userId, Collection<Long> connected) {
        return connected.contains(userId) ? Set.of(userId) : Set.of();
    }

    private void heartbeat() {
        long now = System.currentTimeMillis();
        if (now - lastHeartbeat < properties.heartbeat().toMillis()) {
            return;
        }
        lastHeartbeat = now;
        List<Stream> all = new ArrayList<>();
        streams.values().forEach(all::addAll);
        for (Stream stream : all) {
            stream.enqueue(SseEmitter.event().comment("keep-alive"));
        }
    }

    private static SseEmitter.SseEventBuilder event(Row row, String payload) {
        return SseEmitter.event()
                .id(String.valueOf(row.seq()))
                .name(eventName(row.type()))
                .data(payload, MediaType.APPLICATION_JSON);
    }

    /** The SSE event name a client listens for. */
    static String eventName(String type) {
        return switch (type) {
            case "microposts.post.published" -> "timeline";
            case "microposts.post.deleted" -> "timeline-removed";
            case "microposts.notification.added" -> "notification";
            case "microposts.user.suspended" -> "author-removed";
            default -> "media";
        };
    }

    private String payload(Row row) {
        ObjectNode body = json.createObjectNode();
        body.put("type", row.type() + ".v" + row.version());
        body.put("subject", row.subject());
        body.put("time", row.occurredAt().toString());
        body.set("data", row.data());
        return json.writeValueAsString(body);
    }

    int openStreams() {
        return streams.values().stream().mapToInt(List::size).sum();
    }

    /** A row of the log; its data only for the types a stream can receive (null for the others). */
    /** The entries with the data of the events streams carry read; the others are only counted as seen. */
    private List<Row> rows(List<BusHistory.Entry> entries) {
        return entries.stream()
                .map(entry -> new Row(
                        entry.seq(),
                        entry.type(),
                        entry.version(),
                        entry.subject(),
                        entry.occurredAt(),
                        LIVE_TYPES.contains(entry.type()) ? json.readTree(entry.data()) : null))
                .toList();
    }

    record Row(long seq, String type, int version, String subject, Instant occurredAt, JsonNode data) {}

    /** One open stream of one user, with the events waiting to be written to it. */
    private final class Stream {
        private final long userId;
        private final SseEmitter emitter;
        /** Sent while catching up; the feed may reach them again and must not send them twice. */
        private final Set<Long> replayed = ConcurrentHashMap.newKeySet();

        private final BlockingQueue<SseEmitter.SseEventBuilder> pending;
        private final AtomicBoolean writing = new AtomicBoolean();
        private volatile boolean closed;

        Stream(long userId, SseEmitter emitter) {
            this.userId = userId;
            this.emitter = emitter;
            this.pending = new ArrayBlockingQueue<>(properties.streamBuffer());
        }

        void send(Row row, String payload) {
            enqueue(event(row, payload));
        }

        /** Never waits: a stream whose queue is full cannot keep up, and is closed. */
        void enqueue(SseEmitter.SseEventBuilder event) {
            if (closed) {
                return;
            }
            if (!pending.offer(event)) {
                log.info("Closed a live stream of user {} that fell {} events behind", userId, pending.size());
                finish(null);
                return;
            }
            writeOut();
        }

        private void writeOut() {
            if (writing.compareAndSet(false, true)) {
                writers.execute(this::drain);
            }
        }

        private void drain() {
            try {
                SseEmitter.SseEventBuilder next;
                while (!closed && (next = pending.poll()) != null) {
                    emitter.send(next);
                }
            } catch (IOException | IllegalStateException e) {
                closed = true;
                pending.clear();
                close(this);
                return;
            } finally {
                writing.set(false);
            }
            if (!closed && !pending.isEmpty()) {
                writeOut(); // why: an event queued after the last poll, while this writer was finishing
            }
        }

        /**
         * Stops taking events and ends the response on a writer thread, after a last {@code event}, if any;
         * ending it from the feed's thread could wait on a write that is stuck.
         */
        private void finish(SseEmitter.SseEventBuilder last) {
            closed = true;
            pending.clear();
            close(this);
            writers.execute(() -> {
                try {
                    if (last != null) {
                        emitter.send(last);
                    }
                    emitter.complete();
                } catch (IOException | IllegalStateException e) {
                    // why: the client is gone already; there is nothing to close for it
                }
            });
        }

        /**
         * The user opened more streams than allowed (a tab per stream, or a script). The client is asked to
         * wait before it reconnects, so that tabs of one user do not keep closing each other.
         */
        void closeAsOneTooMany() {
            finish(SseEmitter.event().reconnectTime(30_000).comment("closed: too many open streams for this user"));
        }

        void closeForReconnect() {
            finish(SseEmitter.event()
                    .reconnectTime(ThreadLocalRandom.current().nextLong(1_000, 3_000))
                    .comment("this server is stopping; reconnect"));
        }
    }
}
