package dev.microposts.ops;

import java.time.Instant;

/** A process that started: where, as what, and which build. */
public record ProcessStart(String node, String role, String version, String commit, Instant startedAt) {}
