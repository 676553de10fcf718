package dev.microposts.timeline.internal;

import dev.microposts.tasks.Task;
import dev.microposts.tasks.TaskHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The {@code fanout} queue: each task pushes one post to one range of its author's followers, by follow id. The
 * listener cuts a large audience into ranges of a batch each, so the queue's consumers work on them side by side;
 * the last range is open, and when it fills a batch the task enqueues the next in the same broker transaction
 * (followers who came meanwhile). A redelivered task repeats inserts that are already there and nothing else. A
 * reply or a repost carries its {@link Audience} in the payload, in fields a handler of an older release ignores.
 */
@Component
class FanoutHandler implements TaskHandler {

    static final String QUEUE = "fanout";

    private final HomeTimelines timelines;
    private final TimelineProperties properties;
    private final ObjectMapper json;

    FanoutHandler(HomeTimelines timelines, TimelineProperties properties, ObjectMapper json) {
        this.timelines = timelines;
        this.properties = properties;
        this.json = json;
    }

    static String payload(long postId, long authorId, long afterFollowId) {
        return payload(postId, authorId, afterFollowId, Audience.EVERYONE);
    }

    /** The followers whose follow id is above {@code afterFollowId} and at most {@code untilFollowId}. */
    static String payload(long postId, long authorId, long afterFollowId, long untilFollowId) {
        return payload(postId, authorId, afterFollowId, untilFollowId, Audience.EVERYONE);
    }

    /**
     * A post to the followers of {@code authorId} (the reposter, for a repost) with a follow id above
     * {@code afterFollowId}, those of them the {@link Audience} takes in.
     */
    static String payload(long postId, long authorId, long afterFollowId, Audience audience) {
        return "{\"post\":" + postId + ",\"author\":" + authorId + ",\"after\":" + afterFollowId
                + audience.payloadFields() + "}";
    }

    static String payload(long postId, long authorId, long afterFollowId, long untilFollowId, Audience audience) {
        return "{\"post\":" + postId + ",\"author\":" + authorId + ",\"after\":" + afterFollowId + ",\"until\":"
                + untilFollowId + audience.payloadFields() + "}";
    }

    @Override
    public String queue() {
        return QUEUE;
    }

    /**
     * A task's payload as the handler reads it; on its own so the compatibility tests read every release's
     * payloads exactly this way.
     */
    static Fanout read(ObjectMapper json, String payload) {
        JsonNode node = json.readTree(payload);
        return new Fanout(
                node.path("post").asLong(),
                node.path("author").asLong(),
                node.path("after").asLong(),
                node.hasNonNull("until") ? node.path("until").asLong() : null,
                new Audience(
                        node.hasNonNull("reply_to") ? node.path("reply_to").asLong() : null,
                        node.hasNonNull("repost_of") ? node.path("repost_of").asLong() : null,
                        node.hasNonNull("position") ? node.path("position").asLong() : null));
    }

    @Override
    public void handle(Task task) {
        Fanout fanout = read(json, task.payload());
        if (fanout.untilFollowId() != null) {
            timelines.fanOutRange(
                    fanout.postId(),
                    fanout.authorId(),
                    fanout.afterFollowId(),
                    fanout.untilFollowId(),
                    fanout.audience());
            return;
        }
        HomeTimelines.Batch batch = timelines.fanOut(
                fanout.postId(),
                fanout.authorId(),
                fanout.afterFollowId(),
                properties.fanoutBatch(),
                fanout.audience());
        if (batch.size() == properties.fanoutBatch()) {
            task.followUp(QUEUE, payload(fanout.postId(), fanout.authorId(), batch.lastFollowId(), fanout.audience()));
        }
    }

    /**
     * One range of followers to push a post to; an open range when {@code untilFollowId} is null. Payloads of
     * releases before replies and reposts name no audience: everyone.
     */
    record Fanout(long postId, long authorId, long afterFollowId, Long untilFollowId, Audience audience) {}
}
