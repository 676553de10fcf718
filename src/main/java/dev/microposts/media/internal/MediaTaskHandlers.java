package dev.microposts.media.internal;

import dev.microposts.tasks.Task;
import dev.microposts.tasks.TaskFailure;
import dev.microposts.tasks.TaskHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The media queues: {@code probe}, {@code transcode} and {@code thumbnail}, each with its own consumers. */
@Configuration(proxyBeanMethods = false)
class MediaTaskHandlers {

    @Bean
    TaskHandler probeHandler(Pipeline pipeline) {
        return handler("probe", pipeline);
    }

    @Bean
    TaskHandler transcodeHandler(Pipeline pipeline) {
        return handler("transcode", pipeline);
    }

    @Bean
    TaskHandler thumbnailHandler(Pipeline pipeline) {
        return handler("thumbnail", pipeline);
    }

    private static TaskHandler handler(String queue, Pipeline pipeline) {
        return new TaskHandler() {
            @Override
            public String queue() {
                return queue;
            }

            @Override
            public void handle(Task task) throws Exception {
                pipeline.run(task);
            }

            @Override
            public void gaveUp(Task task, TaskFailure failure) {
                try {
                    pipeline.gaveUp(task, failure);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }
}
