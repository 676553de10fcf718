package dev.microposts.timeline.internal;

import dev.microposts.tasks.Task;
import dev.microposts.tasks.TaskHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The {@code fanout} queue: each task pushes one post to one batch of its author's followers and, when the batch
 * was full, enqueues the next in the same broker transaction. Batches are keyed by follow id, so a redelivered
 * task repeats inserts that are already there and nothing else.
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
        return "{\"post\":" + postId + ",\"author\":" + authorId + ",\"after\":" + afterFollowId + "}";
    }

    @Override
    public String queue() {
        return QUEUE;
    }

    @Override
    public void handle(Task task) {
        JsonNode payload = json.readTree(task.payload());
        long postId = payload.path("post").asLong();
        long authorId = payload.path("author").asLong();
        HomeTimelines.Batch batch =
                timelines.fanOut(postId, authorId, payload.path("after").asLong(), properties.fanoutBatch());
        if (batch.size() == properties.fanoutBatch()) {
            task.followUp(QUEUE, payload(postId, authorId, batch.lastFollowId()));
        }
    }
}
