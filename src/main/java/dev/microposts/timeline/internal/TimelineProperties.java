package dev.microposts.timeline.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the home timelines ({@code microposts.timeline.*}).
 *
 * @param fanoutBatch followers a post is pushed to per fan-out task
 * @param inlineFanout a post whose author has at most this many followers reaches their timelines in the
 *     listener's own transaction; one with more goes through fan-out tasks (0: always through tasks)
 * @param backfill how many of someone's latest posts a new follower's timeline receives
 */
@ConfigurationProperties("microposts.timeline")
record TimelineProperties(int fanoutBatch, int inlineFanout, int backfill) {}
