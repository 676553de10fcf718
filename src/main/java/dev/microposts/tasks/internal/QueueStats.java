package dev.microposts.tasks.internal;

/**
 * One task queue as the broker sees it at one moment, across every process.
 *
 * @param ready tasks waiting for a consumer
 * @param scheduled retries waiting for their time
 * @param running tasks handed to a consumer and not yet acknowledged
 * @param oldestAgeMillis how long the oldest task in the queue (ready or running) has been there; 0 if none
 * @param consumers consumers attached, in all processes
 */
record QueueStats(long ready, long scheduled, long running, long oldestAgeMillis, long consumers) {

    static final QueueStats EMPTY = new QueueStats(0, 0, 0, 0, 0);
}
