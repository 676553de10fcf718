package dev.microposts.timeline.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the home timelines ({@code microposts.timeline.*}).
 *
 * @param fanoutBatch followers a post is pushed to per fan-out task
 * @param backfill how many of someone's latest posts a new follower's timeline receives
 */
@ConfigurationProperties("microposts.timeline")
record TimelineProperties(int fanoutBatch, int backfill) {}
